// The openai adapter against a local OpenAI-compatible server: answers, streaming, retries, failures a
// user sees as clear messages, cancellation and the concurrency limit, all over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from '../../src/llm/chat-model.ts';
import { ModelCallError } from '../../src/llm/failure.ts';
import { createOpenAIChatModel, type OpenAIChatModelOptions } from '../../src/llm/openai-chat-model.ts';
import { repliesInOrder, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

const aModel = (overrides: Partial<OpenAIChatModelOptions> = {}): ChatModel =>
  createOpenAIChatModel({
    baseURL: fake.baseURL,
    apiKey: 'sk-test-key-123',
    timeoutMs: 300,
    maxRetries: 0,
    concurrency: 4,
    prices: {},
    jsonMode: 'json_schema',
    ...overrides,
  });

const aRequest = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-test',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello' },
  ],
  ...overrides,
});

async function failureOf(call: Promise<unknown>): Promise<ModelCallError['failure']> {
  const error = await call.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof ModelCallError)) throw new Error(`expected a ModelCallError, got ${String(error)}`);
  return error.failure;
}

describe('answers', () => {
  it('returns the text, usage and cost priced by the model the server reports', async () => {
    fake.respond(() => ({
      text: 'Hello!',
      model: 'gpt-test-2025',
      usage: { prompt_tokens: 1000, completion_tokens: 500 },
    }));
    const prices = {
      'gpt-test-2025': { input_per_million: 1, output_per_million: 2 },
      'gpt-test': { input_per_million: 9, output_per_million: 9 },
    };
    const answer = await aModel({ prices }).complete(aRequest());
    expect(answer).toMatchObject({
      text: 'Hello!',
      model: 'gpt-test-2025',
      finishReason: 'stop',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    expect(answer.costUsd).toBeCloseTo(0.002, 10);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('prices by the requested model when the served name is not in the table', async () => {
    fake.respond(() => ({
      text: 'Hi',
      model: 'gpt-test-2025',
      usage: { prompt_tokens: 1_000_000, completion_tokens: 0 },
    }));
    const answer = await aModel({ prices: { 'gpt-test': { input_per_million: 3, output_per_million: 5 } } }).complete(
      aRequest(),
    );
    expect(answer.costUsd).toBe(3);
  });

  it('reports an unknown cost, not zero, for a model missing from the price table', async () => {
    const answer = await aModel({
      prices: { 'other-model': { input_per_million: 1, output_per_million: 1 } },
    }).complete(aRequest());
    expect(answer.costUsd).toBeNull();
  });

  it('reports no usage and an unknown cost when the server sends no usage', async () => {
    fake.respond(() => ({ text: 'Hi', usage: null }));
    const answer = await aModel({ prices: { 'gpt-test': { input_per_million: 1, output_per_million: 1 } } }).complete(
      aRequest(),
    );
    expect(answer).toMatchObject({ usage: null, costUsd: null });
  });

  it('reads prices at each call, so reloaded prices apply', async () => {
    let price = 1;
    // Built without the aModel spread, which would read the getter once.
    const model = createOpenAIChatModel({
      baseURL: fake.baseURL,
      apiKey: 'sk-test',
      timeoutMs: 300,
      maxRetries: 0,
      concurrency: 1,
      jsonMode: 'off',
      get prices() {
        return { 'gpt-test': { input_per_million: price, output_per_million: 0 } };
      },
    });
    fake.respond(() => ({ text: 'Hi', usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } }));
    expect((await model.complete(aRequest())).costUsd).toBe(1);
    price = 2;
    expect((await model.complete(aRequest())).costUsd).toBe(2);
  });

  it('removes <think> blocks of reasoning models from the answer', async () => {
    fake.respond(() => ({ text: '<think>\nThe user wants a greeting.\n</think>\n\nHello there.' }));
    expect((await aModel().complete(aRequest())).text).toBe('Hello there.');
  });

  it('fails with invalid-output when the model returns an empty answer', async () => {
    fake.respond(() => ({ text: '  ' }));
    expect(await failureOf(aModel().complete(aRequest()))).toEqual({
      kind: 'invalid-output',
      message: 'The model returned an empty answer.',
      retryable: true,
    });
  });

  it('sends the sampling settings the request asks for, and never n', async () => {
    await aModel().complete(aRequest({ temperature: 0.2, maxTokens: 64, topP: 0.9 }));
    const body = fake.requests[0]?.body;
    expect(body).toMatchObject({ model: 'gpt-test', temperature: 0.2, max_tokens: 64, top_p: 0.9 });
    expect(body).not.toHaveProperty('n');
    expect(fake.requests[0]?.messages).toEqual(aRequest().messages);
  });
});

describe('JSON output', () => {
  const responseFormat = { name: 'verdict', schema: { type: 'object', properties: { winner: { type: 'string' } } } };

  it.each([
    [
      'json_schema',
      { type: 'json_schema', json_schema: { name: 'verdict', schema: responseFormat.schema, strict: false } },
    ],
    ['json_object', { type: 'json_object' }],
    ['off', undefined],
  ] as const)('asks for JSON the way %s mode says', async (jsonMode, expected) => {
    await aModel({ jsonMode }).complete(aRequest({ responseFormat }));
    expect(fake.requests[0]?.body.response_format).toEqual(expected);
  });

  it('asks for no particular format when the request does not want JSON', async () => {
    await aModel().complete(aRequest());
    expect(fake.requests[0]?.body).not.toHaveProperty('response_format');
  });
});

describe('streaming', () => {
  it('reports each piece of text as it arrives and assembles the answer', async () => {
    fake.respond(() => ({ chunks: ['Hel', 'lo, ', 'world', '.'] }));
    const deltas: string[] = [];
    const answer = await aModel().complete(aRequest(), { onDelta: (delta) => deltas.push(delta) });
    expect(deltas).toEqual(['Hel', 'lo, ', 'world', '.']);
    expect(answer.text).toBe('Hello, world.');
    expect(fake.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('takes usage and cost from the final chunk of the stream', async () => {
    fake.respond(() => ({
      chunks: ['Hi'],
      model: 'gpt-test-2025',
      usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 },
    }));
    const prices = { 'gpt-test-2025': { input_per_million: 1, output_per_million: 2 } };
    const answer = await aModel({ prices }).complete(aRequest(), { onDelta: () => {} });
    expect(answer).toMatchObject({
      model: 'gpt-test-2025',
      usage: { promptTokens: 1_000_000, completionTokens: 1_000_000 },
      costUsd: 3,
      finishReason: 'stop',
    });
  });

  it('reports no usage when the server streams without it', async () => {
    fake.respond(() => ({ chunks: ['Hi'], usage: null }));
    expect((await aModel().complete(aRequest(), { onDelta: () => {} })).usage).toBeNull();
  });

  it('removes <think> blocks from a streamed answer', async () => {
    fake.respond(() => ({ chunks: ['<think>', 'hmm', '</think>', '\n\nFine.'] }));
    expect((await aModel().complete(aRequest(), { onDelta: () => {} })).text).toBe('Fine.');
  });

  it('turns a stream that breaks midway into a retryable failure, after the pieces that arrived', async () => {
    fake.respond(() => ({ chunks: ['one ', 'two ', 'three'], breakAfterChunks: 2 }));
    const deltas: string[] = [];
    const failure = await failureOf(aModel().complete(aRequest(), { onDelta: (delta) => deltas.push(delta) }));
    expect(failure).toEqual({
      kind: 'server',
      message: 'The connection to the model server broke before the answer was complete.',
      retryable: true,
    });
    expect(deltas).toEqual(['one ', 'two ']);
  });

  it('times out when a stream goes silent midway', async () => {
    fake.respond(() => ({ chunks: ['one ', 'two'], chunkDelayMs: 5_000 }));
    expect(await failureOf(aModel().complete(aRequest(), { onDelta: () => {} }))).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
  });

  it("lets an error thrown by the caller's onDelta through untouched", async () => {
    const bug = new Error('bug in the caller');
    await expect(
      aModel().complete(aRequest(), {
        onDelta: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
  });
});

describe('retries and failures', () => {
  it('retries a rate-limited request after the wait the server asks for, then answers', async () => {
    fake.respond(repliesInOrder([{ status: 429, headers: { 'retry-after': '0.05' } }, { text: 'Finally.' }]));
    const answer = await aModel({ maxRetries: 2 }).complete(aRequest());
    expect(answer.text).toBe('Finally.');
    expect(fake.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('fails at once as rate-limited when the server asks to wait longer than we would', async () => {
    fake.respond(() => ({ status: 429, headers: { 'retry-after': '3600' } }));
    const failure = await failureOf(aModel({ maxRetries: 2, maxRetryWaitMs: 1_000 }).complete(aRequest()));
    expect(failure).toEqual({
      kind: 'rate-limited',
      message: 'The model server is rate-limiting requests and asks to wait 1 h; try again after that.',
      retryable: true,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('says the wait the server asked for in its rate-limit message, or none when it asked for none', async () => {
    fake.respond(() => ({ status: 429, headers: { 'retry-after': '150' } }));
    expect((await failureOf(aModel({ maxRetries: 0 }).complete(aRequest())))?.message).toBe(
      'The model server is rate-limiting requests and asks to wait 3 min; try again after that.',
    );
    fake.respond(() => ({ status: 429 }));
    expect((await failureOf(aModel({ maxRetries: 0 }).complete(aRequest())))?.message).toBe(
      'The model server is rate-limiting requests; try again shortly.',
    );
  });

  it('retries a failing server maxRetries times, then reports a server failure', async () => {
    fake.respond(() => ({ status: 500, headers: { 'retry-after-ms': '1' } }));
    const failure = await failureOf(aModel({ maxRetries: 2 }).complete(aRequest()));
    expect(failure).toEqual({
      kind: 'server',
      message: 'The model server had a problem (HTTP 500); try again shortly.',
      retryable: true,
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('turns an answer cut off midway into a retryable failure', async () => {
    fake.respond(() => ({ text: 'A long answer that never fully arrives.', breakAfterChunks: 0 }));
    expect(await failureOf(aModel().complete(aRequest()))).toMatchObject({ kind: 'server', retryable: true });
  });

  it('times out with a friendly message when the server does not answer', async () => {
    fake.respond(() => ({ hang: true }));
    expect(await failureOf(aModel().complete(aRequest()))).toEqual({
      kind: 'timeout',
      message: 'The model server did not answer in time (after 0.3 s).',
      retryable: true,
    });
  });

  it('says which address it could not reach when the server is down', async () => {
    const down = await startFakeOpenAI();
    await down.close();
    const failure = await failureOf(aModel({ baseURL: down.baseURL }).complete(aRequest()));
    expect(failure).toEqual({
      kind: 'unreachable',
      message: `Could not reach the model server at ${down.baseURL}.`,
      retryable: true,
    });
  });

  it('reports a rejected API key without repeating the key the server echoed', async () => {
    fake.respond(() => ({ status: 401 }));
    const error = await aModel()
      .complete(aRequest())
      .catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(ModelCallError);
    const failure = (error as ModelCallError).failure;
    expect(failure).toEqual({ kind: 'auth', message: 'The model server rejected the API key.', retryable: false });
    expect(String((error as ModelCallError).cause)).toContain('sk-test-key-123');
    expect((error as ModelCallError).message).not.toContain('sk-test-key-123');
  });

  it('names the model when the server does not know it', async () => {
    fake.respond(() => ({ status: 404 }));
    expect(await failureOf(aModel().complete(aRequest({ model: 'lama3' })))).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('"lama3"'),
      retryable: false,
    });
  });
});

describe('cancellation and concurrency', () => {
  it('cancels a running call when the caller aborts', async () => {
    fake.respond(() => ({ hang: true }));
    const controller = new AbortController();
    const call = aModel({ timeoutMs: 10_000 }).complete(aRequest(), { signal: controller.signal });
    await fake.waitForRequests(1);
    controller.abort();
    expect(await failureOf(call)).toEqual({
      kind: 'cancelled',
      message: 'The request was cancelled.',
      retryable: false,
    });
  });

  it('cancels a call still waiting for a free slot at once, without ever sending it', async () => {
    fake.respond(() => ({ hang: true }));
    const model = aModel({ concurrency: 1, timeoutMs: 10_000 });
    const holder = new AbortController();
    const waiter = new AbortController();
    const first = model.complete(aRequest(), { signal: holder.signal });
    const second = model.complete(aRequest(), { signal: waiter.signal });
    await fake.waitForRequests(1);
    waiter.abort();
    // The first call still holds the only slot here, so only an immediate cancellation can settle this.
    expect(await failureOf(second)).toMatchObject({ kind: 'cancelled' });
    holder.abort();
    expect(await failureOf(first)).toMatchObject({ kind: 'cancelled' });
    expect(fake.requests).toHaveLength(1);
  });

  it('never has more calls in flight than the concurrency limit', async () => {
    fake.respond(() => ({ delayMs: 30, text: 'done' }));
    const model = aModel({ concurrency: 2 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => model.complete(aRequest())));
    expect(answers.map((answer) => answer.text)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(fake.peakInFlight).toBe(2);
  });
});
