// Runs one pipeline to a PipelineResult. Never rejects: a model failure, a timeout, a cancellation or
// even a bug becomes `status: error|cancelled` with a human message, so sibling pipelines carry on.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Catalog } from '../catalog/load-catalog.ts';
import type { Pipeline } from '../catalog/pipeline-schema.ts';
import type { ChatMessage, ChatModel } from '../llm/chat-model.ts';
import { type Failure, ModelCallError } from '../llm/failure.ts';
import type { EngineListener } from './events.ts';
import { pipelineVersion } from './pipeline-version.ts';
import { createStepContext } from './step-context.ts';
import { runStep } from './steps/index.ts';
import { PipelineFailure } from './steps/step-runner.ts';
import { type PipelineResult, type StepTrace, totalsOf } from './trace.ts';

export interface RunDependencies {
  catalog: Catalog;
  model: ChatModel;
  models: { generator: string; judge: string };
  timeoutMs: number;
  signal?: AbortSignal;
  onEvent?: EngineListener;
  random?: () => number;
  /** Where bugs are reported with their stack; the user only sees the reference id. */
  logError?: (reference: string, error: unknown) => void;
  /** Replaces the pipeline's system prompt (a channel's persona). */
  system?: string;
}

function failureOf(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  logError: RunDependencies['logError'],
): Failure {
  if (timedOut) {
    return {
      kind: 'timeout',
      message: `This pipeline took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`,
      retryable: true,
    };
  }
  if (error instanceof ModelCallError || error instanceof PipelineFailure) return error.failure;
  const reference = randomBytes(3).toString('hex');
  logError?.(reference, error);
  return {
    kind: 'internal',
    message: `Something went wrong inside this pipeline (reference ${reference}).`,
    retryable: false,
  };
}

export async function runPipeline(
  pipeline: Pipeline,
  conversation: ChatMessage[],
  deps: RunDependencies,
): Promise<PipelineResult> {
  const onEvent = deps.onEvent ?? (() => {});
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;
  // Every concurrent model call of the pipeline listens on this signal (rules: 4 samples + 4 judges...).
  setMaxListeners(64, signal);
  const trace: StepTrace[] = [];
  const context = createStepContext({
    pipelineId: pipeline.id,
    conversation,
    system: deps.system ?? pipeline.system ?? deps.catalog.system,
    catalog: deps.catalog,
    model: deps.model,
    models: deps.models,
    signal,
    random: deps.random ?? Math.random,
    onEvent,
    trace,
  });
  const started = performance.now();
  onEvent({ type: 'pipeline-start', pipelineId: pipeline.id });
  let outcome: Pick<PipelineResult, 'status' | 'answer' | 'failure'>;
  try {
    for (const step of pipeline.steps) {
      signal.throwIfAborted();
      await runStep(step, context);
    }
    const answer = context.state.draft?.trim() ?? '';
    if (!answer)
      throw new PipelineFailure({
        kind: 'invalid-output',
        message: 'The model returned an empty answer.',
        retryable: true,
      });
    outcome = { status: 'ok', answer };
  } catch (error) {
    const cancelled = deps.signal?.aborted === true;
    const failure: Failure = cancelled
      ? { kind: 'cancelled', message: 'Cancelled before it finished.', retryable: false }
      : failureOf(error, timeout.aborted, deps.timeoutMs, deps.logError);
    outcome = { status: cancelled ? 'cancelled' : 'error', answer: null, failure };
  }
  const totals = totalsOf(trace, Math.round(performance.now() - started));
  const version = pipelineVersion(pipeline, deps.catalog, deps.models);
  const result: PipelineResult = { pipelineId: pipeline.id, version, label: pipeline.label, ...outcome, trace, totals };
  onEvent({ type: 'pipeline-end', result });
  return result;
}
