// ChatModel over the official openai client, for any OpenAI-compatible server (OpenAI, Ollama, vLLM,
// OpenRouter). Retries with backoff and Retry-After come from the client; here: one concurrency limit per
// instance, streaming, JSON mode, <think> stripping, usage, cost and failures classified into ModelCallError.
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { capRetryAfter, type Fetch } from './cap-retry-after.ts';
import type { CallOptions, ChatCompletion, ChatModel, ChatRequest } from './chat-model.ts';
import { cancelled, classifyError, type FailureContext } from './classify-error.ts';
import { ModelCallError, type Failure } from './failure.ts';
import { costOf, type PriceTable } from './price-table.ts';
import { readChatStream, type RawAnswer } from './read-chat-stream.ts';
import { readCompletion, unreadableReply } from './read-completion.ts';
import { requestBody, type JsonMode } from './request-body.ts';
import { stripThinking } from './strip-thinking.ts';

export type { JsonMode } from './request-body.ts';

export interface OpenAIChatModelOptions {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 */
  baseURL: string;
  apiKey: string;
  /** Per attempt, until the response starts; while streaming, the longest silence between chunks. */
  timeoutMs: number;
  maxRetries: number;
  /** Calls of this instance running at once, across all comparisons; the rest wait their turn. */
  concurrency: number;
  /** Read at every call, so a getter can serve reloaded prices. */
  prices: PriceTable;
  jsonMode: JsonMode;
  fetch?: Fetch;
  /** A server asking to wait longer than this before a retry fails at once as rate-limited. Default 30 s. */
  maxRetryWaitMs?: number;
}

export function createOpenAIChatModel(options: OpenAIChatModelOptions): ChatModel {
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    fetch: capRetryAfter(options.fetch ?? globalThis.fetch, options.maxRetryWaitMs ?? 30_000),
  });
  const limit = pLimit(options.concurrency);

  async function call(
    request: ChatRequest,
    callOptions: CallOptions,
    context: FailureContext,
  ): Promise<ChatCompletion> {
    const { signal, onDelta } = callOptions;
    if (signal?.aborted) throw new ModelCallError(cancelled(), { cause: signal.reason });
    // Started once a slot is free: waiting for our own limit is not the server's latency; retries count.
    const started = performance.now();
    const body = requestBody(request, options.jsonMode);
    let raw: RawAnswer;
    if (onDelta) {
      const stream = await client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      raw = await readChatStream(stream, onDelta, options.timeoutMs, context);
    } else {
      raw = readCompletion(
        await client.chat.completions.create({ ...body, stream: false }, { signal }).catch(unreadableReply),
      );
    }
    const latencyMs = Math.round(performance.now() - started);
    const text = stripThinking(raw.text);
    if (!text) throw new ModelCallError(emptyAnswer(raw));
    const model = raw.model ?? request.model;
    return {
      text,
      model,
      usage: raw.usage,
      latencyMs,
      costUsd: costOf(options.prices, { served: model, requested: request.model }, raw.usage),
      finishReason: raw.finishReason,
    };
  }

  return {
    async complete(request, callOptions = {}) {
      const context = { baseURL: options.baseURL, timeoutMs: options.timeoutMs, model: request.model };
      const { signal } = callOptions;
      try {
        return await untilAborted(
          limit(() => call(request, callOptions, context)),
          signal,
        );
      } catch (error) {
        if (signal?.aborted) throw asCancelled(error);
        if (error instanceof ModelCallError) throw error;
        const failure = classifyError(error, context);
        if (!failure) throw error;
        throw new ModelCallError(failure, { cause: error });
      }
    },
  };
}

/** Whatever broke after the caller gave up (a stream cut short by the abort) is just the cancellation. */
const asCancelled = (error: unknown): ModelCallError =>
  error instanceof ModelCallError && error.failure.kind === 'cancelled'
    ? error
    : new ModelCallError(cancelled(), { cause: error });

function emptyAnswer(raw: RawAnswer): Failure {
  if (raw.finishReason === 'content_filter') {
    return { kind: 'rejected', message: "The model server's content filter withheld the answer.", retryable: false };
  }
  if (raw.text.trim() && raw.finishReason === 'length') {
    return {
      kind: 'invalid-output',
      message: 'The model used up its token limit while thinking and gave no answer.',
      retryable: false,
    };
  }
  return { kind: 'invalid-output', message: 'The model returned an empty answer.', retryable: true };
}

/** Rejects as soon as the signal fires, even while the call still waits for a concurrency slot. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new ModelCallError(cancelled(), { cause: signal.reason }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
