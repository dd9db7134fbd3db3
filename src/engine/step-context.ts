// What a step runner gets: the conversation, the run's state, and `call`/`callJson`, which make one
// model call each and record it in the trace (also when it fails) and emit progress events.
import type { z } from 'zod';
import type { Catalog } from '../catalog/load-catalog.js';
import type { ChatMessage, ChatModel, JsonResponseFormat } from '../llm/chat-model.js';
import { ModelCallError } from '../llm/failure.js';
import type { EngineListener } from './events.js';
import { askJson } from '../llm/ask-json.js';
import type { StepKind, StepTrace } from './trace.js';

export interface RunState {
  /** The answer as it stands; the last step's draft is what the user sees. */
  draft: string | null;
  /** Parallel samples from a `sample` step, for judges to choose among. */
  candidates: string[];
  /** Output text of each step by id, e.g. the chain-of-thought reasoning for `extract`. */
  outputs: Map<string, string>;
}

export interface CallRequest {
  step: string;
  kind: StepKind;
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** Stream text-delta events; used for calls whose text may become the visible answer. */
  stream?: boolean;
  responseFormat?: JsonResponseFormat;
}

export type JsonOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface StepContext {
  pipelineId: string;
  conversation: ChatMessage[];
  system: string;
  catalog: Catalog;
  state: RunState;
  signal: AbortSignal;
  /** Uniform in [0, 1); seedable so principle draws are reproducible in tests. */
  random: () => number;
  resolveModel(reference: string): string;
  call(request: CallRequest): Promise<string>;
  callJson<T>(request: CallRequest, schema: z.ZodType<T>): Promise<JsonOutcome<T>>;
  /** Adds a remark to the latest trace entry of `step` (e.g. "dropped: violates S1"). */
  note(step: string, text: string): void;
  /** Records a step that made no model call (a vote count), so the trace shows it like any other. */
  recordLocalStep(entry: { step: string; kind: StepKind; outputText: string; parsedJson?: unknown; note?: string }): void;
}

export interface ContextOptions {
  pipelineId: string;
  conversation: ChatMessage[];
  system: string;
  catalog: Catalog;
  model: ChatModel;
  models: { generator: string; judge: string };
  signal: AbortSignal;
  random: () => number;
  onEvent: EngineListener;
  trace: StepTrace[];
}

export function createStepContext(options: ContextOptions): StepContext {
  const { model, trace, onEvent, pipelineId, signal } = options;

  async function call(request: CallRequest): Promise<string> {
    onEvent({ type: 'step-start', pipelineId, step: request.step });
    const entry: StepTrace = {
      step: request.step,
      kind: request.kind,
      model: request.model,
      params: { temperature: request.temperature, maxTokens: request.maxTokens },
      inputMessages: request.messages,
      outputText: '',
      tokensIn: 0,
      tokensOut: 0,
      latencyMs: 0,
      costUsd: 0,
    };
    const started = performance.now();
    try {
      const completion = await model.complete(
        { model: request.model, messages: request.messages, temperature: request.temperature, maxTokens: request.maxTokens, responseFormat: request.responseFormat },
        {
          signal,
          onDelta: request.stream ? (delta) => onEvent({ type: 'text-delta', pipelineId, step: request.step, delta }) : undefined,
        },
      );
      Object.assign(entry, {
        model: completion.model,
        outputText: completion.text,
        tokensIn: completion.usage?.promptTokens ?? 0,
        tokensOut: completion.usage?.completionTokens ?? 0,
        latencyMs: completion.latencyMs,
        costUsd: completion.costUsd,
      });
      return completion.text;
    } catch (error) {
      entry.latencyMs = Math.round(performance.now() - started);
      entry.costUsd = null;
      entry.error = error instanceof ModelCallError ? error.failure.message : 'unexpected error';
      throw error;
    } finally {
      trace.push(entry);
      onEvent({ type: 'step-end', pipelineId, trace: entry });
    }
  }

  async function callJson<T>(request: CallRequest, schema: z.ZodType<T>): Promise<JsonOutcome<T>> {
    const answer = await askJson(
      request.messages,
      schema,
      (messages, attempt) => call({ ...request, step: attempt === 1 ? request.step : `${request.step}.retry`, messages }),
      (problem) => {
        const entry = trace.at(-1);
        if (entry) entry.error = `judge_error: ${problem}`;
      },
    );
    if (!answer.ok) return { ok: false, error: answer.error };
    const entry = trace.at(-1);
    if (entry) entry.parsedJson = answer.value;
    return answer;
  }

  return {
    pipelineId,
    conversation: options.conversation,
    system: options.system,
    catalog: options.catalog,
    state: { draft: null, candidates: [], outputs: new Map() },
    signal,
    random: options.random,
    resolveModel: (reference) =>
      reference === 'generator' ? options.models.generator : reference === 'judge' ? options.models.judge : reference,
    call,
    callJson,
    recordLocalStep(entry) {
      const recorded: StepTrace = { ...entry, model: 'none', params: {}, inputMessages: [], tokensIn: 0, tokensOut: 0, latencyMs: 0, costUsd: 0 };
      trace.push(recorded);
      onEvent({ type: 'step-end', pipelineId, trace: recorded });
    },
    note(step, text) {
      const entry = trace.findLast((item) => item.step === step);
      if (entry) entry.note = entry.note ? `${entry.note}; ${text}` : text;
    },
  };
}
