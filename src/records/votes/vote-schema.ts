// zod schemas for votes as they are stored: read back through these, because stored data is outside input.
import { z } from 'zod';
import { SLOT_LETTERS } from '../comparisons/comparison.ts';
import type { VoteChoice, VoteRecord, VoteSource } from './vote.ts';

const VOTE_SOURCES = ['reaction', 'button'] as const satisfies readonly VoteSource[];

export const VoteChoiceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pick'),
    slot: z
      .int()
      .min(0)
      .max(SLOT_LETTERS.length - 1),
  }),
  z.object({ kind: z.literal('tie') }),
  z.object({ kind: z.literal('all-bad') }),
]) satisfies z.ZodType<VoteChoice>;

export const VoteRecordSchema = z.looseObject({
  comparisonId: z.string().min(1),
  voterHash: z.string().min(1),
  choice: VoteChoiceSchema,
  castAt: z.iso.datetime({ offset: true }),
  afterReveal: z.boolean(),
  guildId: z.string().nullable(),
  overCap: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  completeSlots: z.array(z.int().min(0)).optional(),
  source: z.enum(VOTE_SOURCES).optional(),
}) satisfies z.ZodType<VoteRecord>;

/** One reaction a voter has on the comparison's message right now. */
export const ActiveReactionSchema = z.looseObject({
  choice: VoteChoiceSchema,
  at: z.iso.datetime({ offset: true }),
  afterReveal: z.boolean(),
  /** Added while answers were still being written: the slots whose answers were in. Absent: all were. */
  completeSlots: z.array(z.int().min(0)).optional(),
  /** Set for button votes only; a reaction (every vote stored before buttons) has none. */
  source: z.literal('button').optional(),
});
export type ActiveReaction = z.infer<typeof ActiveReactionSchema>;

/** What the ledger keeps per (comparison, voter): their reactions in the order added; the last one is the vote. */
export const VoterReactionsSchema = z.looseObject({
  comparisonId: z.string().min(1),
  voterHash: z.string().min(1),
  guildId: z.string().nullable(),
  reactions: z.array(ActiveReactionSchema),
  /** This comparison was past the voter's daily vote cap when they first voted on it (its server's /config vote-cap, else VOTES_PER_DAY). */
  overCap: z.boolean().optional(),
  /** Reason tags the voter gave for their live vote ("Why?"); dropped when the live vote changes. */
  tags: z.array(z.string()).optional(),
});
export type VoterReactions = z.infer<typeof VoterReactionsSchema>;

export const RevealMarkSchema = z.looseObject({
  comparisonId: z.string().min(1),
  voterHash: z.string().min(1),
  revealedAt: z.iso.datetime({ offset: true }),
});
export type RevealMark = z.infer<typeof RevealMarkSchema>;

/** How many comparisons one voter first voted on in one UTC day: read and bumped per vote, never scanned. */
export const VoteDaySchema = z.looseObject({ voterHash: z.string().min(1), count: z.int().min(0) });
