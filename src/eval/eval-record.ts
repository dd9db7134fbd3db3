// The lines of an eval results log, one JSON object each: a `run` header (suite, set hash, seed, models),
// then one `answer` per item × pipeline × repetition with its classification, whose shape is the suite's own.
import { z } from 'zod';

export const SetDescription = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), items: z.int().min(0) });
export type SetDescription = z.infer<typeof SetDescription>;

export const RunHeader = z.object({
  kind: z.literal('run'),
  /** A suite's name; checked against the registry where a header is read (suites.ts). */
  suite: z.string(),
  set: SetDescription,
  seed: z.int(),
  models: z.object({ generator: z.string(), judge: z.string() }),
  startedAt: z.string(),
});
export type RunHeader = z.infer<typeof RunHeader>;

/** An answer with its suite's classification (null when the pipeline failed: nothing to classify). */
export function answerRecordSchema<Classification>(classification: z.ZodType<Classification>) {
  return z.object({
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
    classification: classification.nullable(),
  });
}

export type AnswerRecord<Classification = unknown> = Omit<z.infer<ReturnType<typeof answerRecordSchema>>, 'classification'> & {
  classification: Classification | null;
};

export const unitKey = (record: Pick<AnswerRecord, 'itemId' | 'pipelineId' | 'repetition'>): string =>
  `${record.itemId}\u0000${record.pipelineId}\u0000${record.repetition}`;
