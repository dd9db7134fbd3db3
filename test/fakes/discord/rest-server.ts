// The HTTP side of the fake: /api/v10 routes with bot-token auth, scripted faults, rate-limit headers, a log of
// every call, and downloads of stored attachments (the URLs messages point at).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from './context.ts';
import { readBody } from './request-body.ts';
import { discordErrors, RestError } from './rest-error.ts';
import type { GlobalBudget } from './global-budget.ts';
import { createRateLimitHeaders, takeFault, type RestFault } from './rest-faults.ts';
import type { RestReply, Route } from './rest-types.ts';
import { createRouter } from './router.ts';

export interface RecordedRestCall {
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: string;
  body: unknown;
  files: Array<{ filename: string; size: number }>;
  status: number;
  at: number;
  /**
   * Requests by the bot token in the second before this one: its global budget in use when this one arrived (also
   * told for interaction callbacks and webhook tokens, which are not counted against it).
   */
  budgetUsed: number;
}

const API_PREFIX = '/api/v10';

function send(response: ServerResponse, reply: RestReply, headers: Record<string, string>): void {
  const hasBody = reply.status !== 204 && reply.body !== undefined;
  response.writeHead(reply.status, { ...headers, ...(hasBody ? { 'Content-Type': 'application/json' } : {}) });
  response.end(hasBody ? JSON.stringify(reply.body) : undefined);
}

function serveAttachment(context: FakeContext, path: string, response: ServerResponse): void {
  const [, , , attachmentId] = path.split('/');
  const uploaded = context.state.uploads.get(attachmentId ?? '');
  if (uploaded) {
    response.writeHead(200, { 'Content-Type': uploaded.contentType, 'Content-Length': uploaded.size });
    response.end(uploaded.bytes);
    return;
  }
  for (const message of context.state.messages.values()) {
    const attachment = message.attachments.find((candidate) => candidate.id === attachmentId);
    if (!attachment) continue;
    response.writeHead(200, { 'Content-Type': attachment.contentType, 'Content-Length': attachment.size });
    response.end(attachment.bytes);
    return;
  }
  response.writeHead(404).end();
}

export function createRestHandler(
  context: FakeContext,
  routes: Route[],
  faults: RestFault[],
  calls: RecordedRestCall[],
  budget: GlobalBudget,
) {
  const router = createRouter(routes);
  const rateLimitHeaders = createRateLimitHeaders();

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    if (url.pathname.startsWith('/attachments/')) return serveAttachment(context, url.pathname, response);
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const call: RecordedRestCall = {
      method,
      path,
      query: url.search,
      body: undefined,
      files: [],
      status: 0,
      at: Date.now(),
      budgetUsed: 0,
    };
    calls.push(call);
    const match = url.pathname.startsWith(API_PREFIX) ? router.match(method, path) : { kind: 'not-found' as const };
    const bucket = match.kind === 'found' ? `${method} ${match.route.pattern}` : `${method} unknown`;
    const headers = rateLimitHeaders(bucket);
    let reply: RestReply;
    try {
      const { body, files } = await readBody(request);
      call.body = body;
      call.files = files.map((file) => ({ filename: file.filename, size: file.bytes.length }));
      const byBot = request.headers.authorization === `Bot ${context.state.token}`;
      const admission = budget.admit(call.at, byBot);
      call.budgetUsed = admission.used;
      const fault = admission.refusal ?? takeFault(faults, method, path);
      if (fault) {
        Object.assign(headers, fault.headers);
        reply = fault;
      } else if (match.kind === 'not-found') {
        throw discordErrors.notFound();
      } else if (match.kind === 'wrong-method') {
        throw discordErrors.methodNotAllowed();
      } else {
        if (match.route.auth && request.headers.authorization !== `Bot ${context.state.token}`)
          throw discordErrors.unauthorized();
        reply = await match.route.handle({ method, path, params: match.params, query: url.searchParams, body, files });
      }
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      reply = { status: error.status, body: error.body };
    }
    call.status = reply.status;
    send(response, reply, headers);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    answer(request, response).catch((error: unknown) => {
      // A bug in the fake itself: answer 500 with the reason so the failing test shows it.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (!response.headersSent)
        send(response, { status: 500, body: { code: 0, message: `fake discord bug: ${message}` } }, {});
      else response.destroy();
    });
  };
}
