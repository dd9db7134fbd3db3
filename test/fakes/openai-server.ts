// A local OpenAI-compatible server (node:http only) for tests: records every chat request and answers as
// scripted, in JSON or SSE, including slow, hanging, failing and broken-midway replies.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { echoHandler, type FakeHandler, type FakeReply, type RecordedRequest } from './fake-reply.ts';
import { errorBody } from './openai-wire.ts';
import { sendJson, writeReply } from './write-reply.ts';

export { repliesInOrder, type FakeHandler, type FakeReply, type RecordedRequest } from './fake-reply.ts';

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:PORT/v1, ready for the openai client. */
  baseURL: string;
  /** Every chat completion request, retries included, in arrival order. */
  requests: RecordedRequest[];
  /** Requests currently being answered, and the most there ever were at once. */
  readonly inFlight: number;
  readonly peakInFlight: number;
  /** Replaces the handler; its `index` counts the requests it has seen, from 0. */
  respond(handler: FakeHandler): void;
  waitForRequests(count: number): Promise<void>;
  /** Stops the server and destroys open connections, hanging ones included. */
  close(): Promise<void>;
}

const Part = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  image_url: z.looseObject({ url: z.string() }).optional(),
});
const Content = z.union([z.string(), z.null(), z.array(Part)]);
const ChatBody = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string(), content: Content })),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});
type ChatBody = z.infer<typeof ChatBody>;

const textOf = (content: z.infer<typeof Content>): string =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

function record(request: IncomingMessage, raw: Record<string, unknown>, body: ChatBody): RecordedRequest {
  const messages = body.messages.map((message) => ({ role: message.role, content: textOf(message.content) }));
  return {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: request.headers,
    body: raw,
    model: body.model,
    messages,
    stream: body.stream === true,
    system: messages
      .filter((message) => message.role === 'system')
      .map((message) => message.content)
      .join('\n\n'),
    user: messages.findLast((message) => message.role === 'user')?.content ?? '',
    images: body.messages.flatMap((message) =>
      (Array.isArray(message.content) ? message.content : []).flatMap((part) =>
        part.image_url ? [part.image_url.url] : [],
      ),
    ),
    time: Date.now(),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8'));
}

export async function startFakeOpenAI(options: { models?: string[] } = {}): Promise<FakeOpenAI> {
  const closing = new AbortController();
  const requests: RecordedRequest[] = [];
  const waiters: Array<() => void> = [];
  let handler = echoHandler;
  let handled = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  async function answerChat(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readJson(request).catch(() => undefined);
    const parsed = ChatBody.safeParse(raw);
    if (!parsed.success)
      return sendJson(response, 400, errorBody(400, undefined, `fake: not a chat request: ${parsed.error.message}`));
    const recorded = record(request, raw as Record<string, unknown>, parsed.data);
    requests.push(recorded);
    waiters.splice(0).forEach((wake) => wake());
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });

    let reply: FakeReply;
    try {
      reply = await handler(recorded, handled++);
    } catch (error) {
      console.error('fake OpenAI handler failed:', error);
      return sendJson(response, 500, errorBody(500, recorded, `fake handler failed: ${String(error)}`), {
        'x-should-retry': 'false',
      });
    }
    await writeReply(response, recorded, reply, closing.signal);
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      answerChat(request, response).catch((error: unknown) => {
        console.error('fake OpenAI failed:', error);
        response.destroy();
      });
    } else if (request.method === 'GET' && path === '/v1/models') {
      const data = (options.models ?? ['fake-model']).map((id) => ({
        id,
        object: 'model',
        created: 0,
        owned_by: 'fake',
      }));
      sendJson(response, 200, { object: 'list', data });
    } else {
      sendJson(response, 404, errorBody(404, undefined, `fake: no route ${request.method} ${path}`));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    respond(next) {
      handler = next;
      handled = 0;
    },
    waitForRequests(count) {
      return new Promise((resolve) => {
        const check = (): void => {
          if (requests.length >= count) resolve();
          else waiters.push(check);
        };
        check();
      });
    },
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
