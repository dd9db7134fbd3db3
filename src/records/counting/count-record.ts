// The compact record a leaderboard count reads: one per comparison, holding only what counting needs of its
// ballot (its prompt category; each slot's pipeline, version, drafting model and parameters, style features, cost
// and latency, as short arrays) and its live votes as small records. Derived from ballots and votes
// (count-records.ts keeps it current), so a full count is one scan of one namespace of records about a third the
// size of a ballot.
import { z } from 'zod';
import { SamplingParamsSchema, type SamplingParams } from '../../engine/trace.ts';
import type { AnswerFeatures } from '../comparisons/answer-features-schema.ts';
import { SLOT_STATUSES, type Ballot, type SlotStatus } from '../comparisons/stored-records.ts';
import { VoteRecordSchema } from '../votes/vote-schema.ts';
import type { VoteRecord } from '../votes/vote.ts';

export const COUNT_RECORD_VERSION = 1;

/** The answer features a count uses (style control's covariates). */
export type CountFeatures = Pick<AnswerFeatures, 'tokens' | 'headers' | 'listItems' | 'boldSpans'>;

/** What a count needs of one slot; a BallotSlot is one too. */
export interface CountSlot {
  pipelineId: string;
  version: string | null;
  status: SlotStatus;
  model: string | null;
  params: SamplingParams | null;
  features: CountFeatures | null;
  /** From the slot's trace totals: every call of the pipeline, in USD (null: a price unknown) and wall time. */
  totals: { costUsd: number | null; latencyMs: number } | null;
}

/** What a count needs of a comparison; a whole Ballot is one too, so counting works from either. */
export interface CountBallot {
  id: string;
  leaks: readonly unknown[];
  /** The prompt's category; absent in older comparisons, which count as `other`. */
  category?: { id: string } | undefined;
  slots: CountSlot[];
}

/** A vote as a count reads it: its cast time in ms (what counting compares), not as text. */
export type CountVote = Omit<VoteRecord, 'castAt'> & { castAtMs: number };

export interface CountRecord extends CountBallot {
  guildId: string | null;
  /** Live votes in key order (by voter hash), as the vote ledger gives them. */
  votes: CountVote[];
}

/** Voter hashes are kept this long: enough to tell a comparison's voters apart, which is all a count asks of them. */
const VOTER_DIGITS = 16;

const StoredSlotSchema = z.tuple([
  z.string(),
  z.string().nullable(),
  z.enum(SLOT_STATUSES),
  z.string().nullable(),
  SamplingParamsSchema.nullable(),
  /** tokens, headers, list items, bold spans */
  z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** cost in USD, latency in ms */
  z.tuple([z.number().nullable(), z.number()]).nullable(),
]);

/** As stored: slots as arrays, votes without their comparison id. Loose votes, so new vote fields pass through. */
export const StoredCountRecordSchema = z.object({
  v: z.literal(COUNT_RECORD_VERSION),
  guildId: z.string().nullable(),
  leaked: z.boolean(),
  /** The prompt category's id; absent in records written before categories. */
  category: z.string().optional(),
  slots: z.array(StoredSlotSchema),
  votes: z.array(VoteRecordSchema.omit({ comparisonId: true })),
});
export type StoredCountRecord = z.infer<typeof StoredCountRecordSchema>;

/** `votes` are the comparison's live votes, in any order. */
export function countRecordOf(ballot: Ballot, votes: readonly VoteRecord[]): StoredCountRecord {
  return {
    v: COUNT_RECORD_VERSION,
    guildId: ballot.guildId,
    leaked: ballot.leaks.length > 0,
    ...(ballot.category === undefined ? {} : { category: ballot.category.id }),
    slots: ballot.slots.map((slot) => [
      slot.pipelineId,
      slot.version,
      slot.status,
      slot.model,
      slot.params,
      slot.features === null
        ? null
        : [slot.features.tokens, slot.features.headers, slot.features.listItems, slot.features.boldSpans],
      slot.totals === null ? null : [slot.totals.costUsd, slot.totals.latencyMs],
    ]),
    votes: votes
      .map(({ comparisonId: _comparisonId, ...vote }) => ({
        ...vote,
        voterHash: vote.voterHash.slice(0, VOTER_DIGITS),
      }))
      .sort((left, right) => (left.voterHash < right.voterHash ? -1 : left.voterHash > right.voterHash ? 1 : 0)),
  };
}

// Counting asks only whether a comparison has leaks, so the record keeps a flag and reads back one placeholder leak.
const LEAKED = [{ leaked: true }];

export function readCountRecord(id: string, stored: StoredCountRecord): CountRecord {
  return {
    id,
    guildId: stored.guildId,
    leaks: stored.leaked ? LEAKED : [],
    category: stored.category === undefined ? undefined : { id: stored.category },
    slots: stored.slots.map(([pipelineId, version, status, model, params, features, totals]) => ({
      pipelineId,
      version,
      status,
      model,
      params,
      features:
        features === null
          ? null
          : { tokens: features[0], headers: features[1], listItems: features[2], boldSpans: features[3] },
      totals: totals === null ? null : { costUsd: totals[0], latencyMs: totals[1] },
    })),
    votes: stored.votes.map(({ castAt, ...vote }) => ({ ...vote, comparisonId: id, castAtMs: Date.parse(castAt) })),
  };
}
