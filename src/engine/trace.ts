// What a pipeline run leaves behind: one StepTrace per model call, and a PipelineResult per pipeline.
// These are plain data: stored with comparisons, shown on reveal, exported. No class instances.
import type { ChatMessage } from '../llm/chat-model.js';
import type { Failure } from '../llm/failure.js';

export type StepKind = 'generate' | 'extract' | 'vote' | 'judge' | 'critique' | 'revise' | 'rewrite';

export interface StepTrace {
  /** The step id from the pipeline file, with a suffix for repeated calls (`candidates#2`, `review.round1.critique`). */
  step: string;
  kind: StepKind;
  model: string;
  params: { temperature?: number; maxTokens?: number; topP?: number };
  inputMessages: ChatMessage[];
  outputText: string;
  parsedJson?: unknown;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd: number | null;
  /** Set when the call or its output failed; the pipeline decides whether to carry on. */
  error?: string;
  /** A short human remark: "skipped: critique found nothing", "dropped: violates S1". */
  note?: string;
}

export type PipelineStatus = 'ok' | 'error' | 'cancelled';

export interface PipelineTotals {
  calls: number;
  tokensIn: number;
  tokensOut: number;
  /** null when any call's cost is unknown. */
  costUsd: number | null;
  latencyMs: number;
}

export interface PipelineResult {
  pipelineId: string;
  /** Content hash of the pipeline, its data and models as run (pipelineVersion); absent on results stored before it existed. */
  version?: string;
  label: string;
  status: PipelineStatus;
  /** The one message a user sees; null when the pipeline failed. */
  answer: string | null;
  failure?: Failure;
  trace: StepTrace[];
  totals: PipelineTotals;
}

/** null (unknown) as soon as one part is unknown: a partial sum would understate the spend. */
export function sumCosts(costs: Array<number | null>): number | null {
  return costs.reduce<number | null>((sum, cost) => (sum === null || cost === null ? null : sum + cost), 0);
}

export function totalsOf(trace: StepTrace[], latencyMs: number): PipelineTotals {
  return {
    calls: trace.length,
    tokensIn: trace.reduce((sum, step) => sum + step.tokensIn, 0),
    tokensOut: trace.reduce((sum, step) => sum + step.tokensOut, 0),
    costUsd: sumCosts(trace.map((step) => step.costUsd)),
    latencyMs,
  };
}
