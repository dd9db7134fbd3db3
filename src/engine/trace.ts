// What a pipeline run leaves behind: one StepTrace per model call, and a PipelineResult per pipeline. These are
// plain data, stored with comparisons, shown on reveal, exported. The zod schemas are the one source of their
// types: a new step kind added here is at once a type the runners may use and a shape the store accepts.
import { z } from 'zod';
import { ChatMessageSchema } from '../llm/chat-message.ts';
import type { FailureKind } from '../llm/failure.ts';

export const STEP_KINDS = ['generate', 'extract', 'vote', 'judge', 'critique', 'revise', 'rewrite'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const count = z.int().min(0);

// Any non-empty text: the list of failure kinds grows, and a stored failure of a newer kind must still load.
const FailureKindSchema = z.custom<FailureKind>(
  (value) => typeof value === 'string' && value !== '',
  'must be a failure kind',
);

export const FailureSchema = z.object({ kind: FailureKindSchema, message: z.string(), retryable: z.boolean() });

export const SamplingParamsSchema = z.object({
  temperature: z.number().optional(),
  maxTokens: z.number().optional(),
  topP: z.number().optional(),
});
export type SamplingParams = z.infer<typeof SamplingParamsSchema>;

export const StepTraceSchema = z.object({
  /** The step id from the pipeline file, with a suffix for repeated calls (`candidates#2`, `review.round1.critique`). */
  step: z.string(),
  kind: z.enum(STEP_KINDS),
  model: z.string(),
  params: SamplingParamsSchema,
  inputMessages: z.array(ChatMessageSchema),
  outputText: z.string(),
  parsedJson: z.unknown().optional(),
  tokensIn: count,
  tokensOut: count,
  latencyMs: z.number().min(0),
  costUsd: z.number().nullable(),
  /** Set when the call or its output failed; the pipeline decides whether to carry on. */
  error: z.string().optional(),
  /** A short human remark: "skipped: critique found nothing", "dropped: violates S1". */
  note: z.string().optional(),
});
export type StepTrace = z.infer<typeof StepTraceSchema>;

export const PIPELINE_STATUSES = ['ok', 'error', 'cancelled'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export const PipelineTotalsSchema = z.object({
  calls: count,
  tokensIn: count,
  tokensOut: count,
  /** null when any call's cost is unknown. */
  costUsd: z.number().nullable(),
  latencyMs: z.number().min(0),
});
export type PipelineTotals = z.infer<typeof PipelineTotalsSchema>;

export const PipelineResultSchema = z.object({
  pipelineId: z.string(),
  /** Content hash of the pipeline, its data and models as run (pipelineVersion); absent on results stored before it existed. */
  version: z.string().optional(),
  label: z.string(),
  status: z.enum(PIPELINE_STATUSES),
  /** The one message a user sees; null when the pipeline failed. */
  answer: z.string().nullable(),
  failure: FailureSchema.optional(),
  trace: z.array(StepTraceSchema),
  totals: PipelineTotalsSchema,
});
export type PipelineResult = z.infer<typeof PipelineResultSchema>;

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
