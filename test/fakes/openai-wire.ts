// Response bodies shaped like api.openai.com's chat completions (JSON, SSE chunks, errors), so the real
// openai client parses them exactly as it would in production.
import type { FakeMessage, FakeUsage, RecordedRequest } from './fake-reply.ts';

const created = (): number => Math.floor(Date.now() / 1000);
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

export function defaultUsage(messages: FakeMessage[], text: string): FakeUsage {
  return {
    prompt_tokens: messages.reduce((sum, message) => sum + countWords(message.content), 0),
    completion_tokens: countWords(text),
  };
}

function wireUsage(usage: FakeUsage): Record<string, unknown> {
  return {
    ...usage,
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

interface Answer {
  id: string;
  model: string;
  text: string;
  finishReason: string;
  usage: FakeUsage | null;
}

export function completionBody(answer: Answer): Record<string, unknown> {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: created(),
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    ...(answer.usage ? { usage: wireUsage(answer.usage) } : {}),
    service_tier: 'default',
    system_fingerprint: null,
  };
}

/** One SSE event; `delta: null` makes the usage-only chunk that ends an include_usage stream. */
export function chunkEvent(
  answer: Answer,
  delta: Record<string, unknown> | null,
  finishReason: string | null,
  withUsage: boolean,
): string {
  const chunk = {
    id: answer.id,
    object: 'chat.completion.chunk',
    created: created(),
    model: answer.model,
    system_fingerprint: null,
    choices: delta === null ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(withUsage ? { usage: delta === null && answer.usage ? wireUsage(answer.usage) : null } : {}),
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const doneEvent = 'data: [DONE]\n\n';

const errorKinds: Record<
  number,
  { type: string; code: string | null; message: (request: RecordedRequest | undefined) => string }
> = {
  400: { type: 'invalid_request_error', code: null, message: () => 'Invalid request.' },
  // Some servers echo the key back; the fake does too, so tests prove we never pass it on.
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: (request) =>
      `Incorrect API key provided: ${String(request?.headers.authorization ?? '').replace(/^Bearer /, '')}.`,
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: (request) => `The model \`${request?.model ?? ''}\` does not exist.`,
  },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: () => 'Rate limit reached for requests.' },
};

export function errorBody(
  status: number,
  request: RecordedRequest | undefined,
  message?: string,
): Record<string, unknown> {
  const kind = errorKinds[status] ?? {
    type: 'server_error',
    code: null,
    message: () => 'The server had an error while processing your request.',
  };
  return { error: { message: message ?? kind.message(request), type: kind.type, param: null, code: kind.code } };
}
