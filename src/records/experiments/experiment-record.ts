// An experiment as stored, per server: its plan (frozen once started), where it runs, the comparisons it showed
// (with the arm of each slot) and, once it ended, how. Read back through zod like every stored value.
import { z } from 'zod';
import { ExperimentPlanSchema } from './experiment-plan.ts';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'decided', 'capped', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** One comparison the experiment showed: the arm (index into plan.arms) in each slot, in display order. */
export const ExperimentComparisonSchema = z.strictObject({
  comparisonId: z.string().min(1),
  arms: z.array(z.int().min(0)).min(2),
});
export type ExperimentComparison = z.infer<typeof ExperimentComparisonSchema>;

/** What the sequential test said when the experiment ended (recomputed from the votes whenever shown). */
export const ExperimentOutcomeSchema = z.strictObject({
  winner: z.string().nullable(),
  observations: z.int().min(0),
  votes: z.int().min(0),
  estimate: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]),
  eValue: z.number().min(0),
});
export type ExperimentOutcome = z.infer<typeof ExperimentOutcomeSchema>;

export const ExperimentRecordSchema = z.strictObject({
  v: z.literal(1),
  id: z.string().regex(/^[\w-]+$/),
  guildId: z.string().min(1),
  /** The channels where /compare shows the experiment's arms. Not part of the plan: a replication runs elsewhere. */
  channelIds: z.array(z.string().min(1)).min(1),
  plan: ExperimentPlanSchema,
  /** SHA-256 of the canonical plan, set when it started; null while a draft. */
  planHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Started from a plan frozen elsewhere (by hash or exported JSON). */
  replication: z.boolean(),
  status: z.enum(EXPERIMENT_STATUSES),
  createdAt: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  /** When it ended; votes cast after it are not the experiment's. */
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  comparisons: z.array(ExperimentComparisonSchema),
  outcome: ExperimentOutcomeSchema.nullable(),
});
export type ExperimentRecord = z.infer<typeof ExperimentRecordSchema>;

export const isEnded = (status: ExperimentStatus): boolean =>
  status === 'decided' || status === 'capped' || status === 'stopped';
