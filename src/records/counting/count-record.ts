// The compact record a leaderboard count reads: one per comparison, holding only what counting needs of its
// ballot (each slot's pipeline, version, models, style features and cost) and its live votes as small records.
// Derived from ballots and votes (count-records.ts keeps it current), so a full count is one scan of one namespace.
import { z } from 'zod';
import { BallotSlotSchema, SlotLeakSchema, type Ballot } from '../comparisons/stored-records.js';
import { VoteRecordSchema } from '../votes/vote-schema.js';
import type { VoteRecord } from '../votes/vote.js';

export const COUNT_RECORD_VERSION = 1;

export const CountSlotSchema = BallotSlotSchema.pick({ pipelineId: true, version: true, status: true, model: true, params: true, features: true, totals: true });
export type CountSlot = z.infer<typeof CountSlotSchema>;

/** What a count needs of a comparison; a whole Ballot is one too, so counting works from either. */
export interface CountBallot {
  id: string;
  leaks: ReadonlyArray<z.infer<typeof SlotLeakSchema>>;
  slots: CountSlot[];
}

export interface CountRecord extends CountBallot {
  v: typeof COUNT_RECORD_VERSION;
  createdAt: string;
  guildId: string | null;
  votes: VoteRecord[];
}

export const CountRecordSchema: z.ZodType<CountRecord> = z.object({
  v: z.literal(COUNT_RECORD_VERSION),
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  guildId: z.string().nullable(),
  leaks: z.array(SlotLeakSchema),
  slots: z.array(CountSlotSchema),
  /** Live votes in key order (by voter hash), as the vote ledger gives them; loose, so new vote fields pass through. */
  votes: z.array(VoteRecordSchema),
});

const slotOf = ({ pipelineId, version, status, model, params, features, totals }: CountSlot): CountSlot => ({ pipelineId, version, status, model, params, features, totals });

/** `votes` are the comparison's live votes, in any order. */
export function countRecordOf(ballot: Ballot, votes: readonly VoteRecord[]): CountRecord {
  return {
    v: COUNT_RECORD_VERSION,
    id: ballot.id,
    createdAt: ballot.createdAt,
    guildId: ballot.guildId,
    leaks: ballot.leaks,
    slots: ballot.slots.map(slotOf),
    votes: [...votes].sort((left, right) => (left.voterHash < right.voterHash ? -1 : left.voterHash > right.voterHash ? 1 : 0)),
  };
}
