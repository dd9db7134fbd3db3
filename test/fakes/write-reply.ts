// Writes one scripted FakeReply to the wire: waits, hangs, errors, a JSON completion or an SSE stream
// that may break midway. Every wait ends when the client hangs up or the fake closes.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeReply, RecordedRequest } from './fake-reply.ts';
import { chunkEvent, completionBody, defaultUsage, doneEvent, errorBody } from './openai-wire.ts';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function writeReply(
  response: ServerResponse,
  request: RecordedRequest,
  reply: FakeReply,
  closing: AbortSignal,
): Promise<void> {
  const gone = AbortSignal.any([closing, abortOnClose(response)]);
  if (reply.hang) return new Promise((resolve) => gone.addEventListener('abort', () => resolve(), { once: true }));
  if (reply.delayMs && !(await pause(reply.delayMs, gone))) return;
  if (reply.status && reply.status >= 400) {
    return sendJson(response, reply.status, reply.errorBody ?? errorBody(reply.status, request), reply.headers);
  }
  const text = reply.text ?? reply.chunks?.join('') ?? '';
  const answer = {
    id: `chatcmpl-fake-${request.time}`,
    model: reply.model ?? request.model,
    text,
    finishReason: reply.finishReason ?? 'stop',
    usage: reply.usage === undefined ? defaultUsage(request.messages, text) : reply.usage,
  };
  if (!request.stream && reply.breakAfterChunks !== undefined) return sendHalf(response, completionBody(answer));
  if (!request.stream) return sendJson(response, reply.status ?? 200, completionBody(answer), reply.headers);

  const streamOptions = request.body.stream_options as { include_usage?: boolean } | null | undefined;
  const withUsage = streamOptions?.include_usage === true;
  response.writeHead(reply.status ?? 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...reply.headers,
  });
  await write(response, chunkEvent(answer, { role: 'assistant', content: '', refusal: null }, null, withUsage));
  const chunks = reply.chunks ?? text.match(/\S+\s*|\s+/g) ?? [];
  for (const [sent, chunk] of chunks.entries()) {
    if (sent === reply.breakAfterChunks) return breakConnection(response);
    if (reply.chunkDelayMs && !(await pause(reply.chunkDelayMs, gone))) return;
    await write(response, chunkEvent(answer, { content: chunk }, null, withUsage));
  }
  if (reply.breakAfterChunks !== undefined) return breakConnection(response);
  await write(response, chunkEvent(answer, {}, answer.finishReason, withUsage));
  if (withUsage && answer.usage) await write(response, chunkEvent(answer, null, null, withUsage));
  response.end(doneEvent);
}

function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}

/** Resolves false when the wait was cut short. */
const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
  sleep(ms, undefined, { signal }).then(
    () => true,
    () => false,
  );

/** Resolves once the data is handed to the socket, so a break afterwards cannot swallow it. */
const write = (response: ServerResponse, data: string): Promise<void> =>
  new Promise((resolve) => response.write(data, () => resolve()));

/** Announces the whole JSON body, sends half of it, then drops the connection. */
async function sendHalf(response: ServerResponse, body: unknown): Promise<void> {
  const json = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
  await write(response, json.slice(0, json.length / 2));
  breakConnection(response);
}

/** Drops the connection mid-body without the closing chunk, as a crashing server would. */
function breakConnection(response: ServerResponse): void {
  response.socket?.destroy();
}
