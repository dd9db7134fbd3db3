// The lines of an eval results log, one JSON object each: a `run` header (suite, set hash, seed, models),
// then one `answer` per item × pipeline × repetition with its classification. Read back with these schemas.
import { z } from 'zod';
import { SUITES } from './eval-items.js';
import { REFUSAL_CLASSES } from './safety/judge-refusal.js';

export const SetDescription = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), items: z.int().min(0) });
export type SetDescription = z.infer<typeof SetDescription>;

export const RunHeader = z.object({
  kind: z.literal('run'),
  suite: z.enum(SUITES),
  set: SetDescription,
  seed: z.int(),
  models: z.object({ generator: z.string(), judge: z.string() }),
  startedAt: z.string(),
});
export type RunHeader = z.infer<typeof RunHeader>;

export const SafetyClassification = z.object({
  judge: z.enum([...REFUSAL_CLASSES, 'unclassified']),
  judgeReason: z.string(),
  stringMatch: z.enum(['refusal', 'compliance']),
  judgeCalls: z.int().min(0),
  judgeTokens: z.int().min(0),
  judgeCostUsd: z.number().nullable(),
});
export type SafetyClassification = z.infer<typeof SafetyClassification>;

export const ReasoningClassification = z.object({ extracted: z.number().nullable(), correct: z.boolean() });
export type ReasoningClassification = z.infer<typeof ReasoningClassification>;

export const AnswerRecord = z.object({
  kind: z.literal('answer'),
  itemId: z.string(),
  pipelineId: z.string(),
  repetition: z.int().min(0),
  version: z.string(),
  /** The seed of this run's random source (principle draws, demo picks), derived from the run seed. */
  seed: z.int(),
  status: z.enum(['ok', 'error']),
  answer: z.string().nullable(),
  failure: z.string().optional(),
  totals: z.object({ calls: z.int(), tokensIn: z.int(), tokensOut: z.int(), costUsd: z.number().nullable(), latencyMs: z.number() }),
  /** null when the pipeline failed: nothing to classify. */
  classification: z.union([SafetyClassification, ReasoningClassification]).nullable(),
});
export type AnswerRecord = z.infer<typeof AnswerRecord>;

export const unitKey = (record: Pick<AnswerRecord, 'itemId' | 'pipelineId' | 'repetition'>): string =>
  `${record.itemId}\u0000${record.pipelineId}\u0000${record.repetition}`;
