// The shapes a comparison is stored in, split by who reads them. Ballots are small and hold what statistics,
// the leaderboard, retention, /forget-me and start-up need; texts hold the conversation and the answers (exports,
// "Full answer"); traces hold every step of every slot (reveal, trace exports). The schemas are the one source of
// the types. Every record carries the format version `v`, so a record from a newer release is refused with a
// clear message instead of being misread.
import { z } from 'zod';
import { FailureSchema, PipelineResultSchema, PipelineTotalsSchema, SamplingParamsSchema } from '../../engine/trace.ts';
import { ChatMessageSchema } from '../../llm/chat-message.ts';
import { AnswerFeaturesSchema } from './answer-features.ts';
import { CATEGORY_SOURCES } from '../../engine/categorize/categorize-prompt.ts';

export const RECORD_VERSION = 2;
const Version = z.literal(RECORD_VERSION, {
  error: `written by a newer release of Dialog Lab (this one reads record version ${RECORD_VERSION}); upgrade to read it`,
});

export const SLOT_STATUSES = ['pending', 'ok', 'error', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export const BallotSlotSchema = z.object({
  letter: z.string().min(1),
  pipelineId: z.string(),
  /** pipelineVersion of the run; null for results stored before versions existed. */
  version: z.string().nullable(),
  /** 'ok' only when the pipeline finished with a non-empty answer: only such slots can win, lose or be exported. */
  status: z.enum(SLOT_STATUSES),
  failure: FailureSchema.nullable(),
  /** The generator model and sampling parameters of the call that drafted the answer. */
  model: z.string().nullable(),
  params: SamplingParamsSchema.nullable(),
  /** Every model the pipeline called (generator, judge, critic), sorted. */
  models: z.array(z.string()),
  features: AnswerFeaturesSchema.nullable(),
  totals: PipelineTotalsSchema.nullable(),
});
export type BallotSlot = z.infer<typeof BallotSlotSchema>;

/** An answer that gave its technique away: the slot (display order) and the marker found in it (leak-guard.ts). */
export const SlotLeakSchema = z.object({ slot: z.int().min(0), marker: z.string().min(1) });
export type SlotLeak = z.infer<typeof SlotLeakSchema>;

/** The prompt's category (prompts/categories.yaml) and whether the judge or the fallback patterns gave it. */
export const PromptCategorySchema = z.object({ id: z.string().min(1), source: z.enum(CATEGORY_SOURCES) });
export type PromptCategory = z.infer<typeof PromptCategorySchema>;

export const BallotSchema = z.object({
  v: Version,
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  requesterHash: z.string(),
  status: z.enum(['running', 'done']),
  /** The conversation was removed (/forget-me or retention): there is no prompt left to export. */
  promptForgotten: z.boolean(),
  /** In display order; the shuffle is stored here so the blind order survives restarts. */
  slots: z.array(BallotSlotSchema),
  /** Answers the leak guard flagged before they were shown; votes on a flagged comparison are left out of ratings by default. Absent in older records. */
  leaks: z.array(SlotLeakSchema).default([]),
  /** Set while the answers are written; absent in comparisons from before categories (they count as `other`). */
  category: PromptCategorySchema.optional(),
});
export type Ballot = z.infer<typeof BallotSchema>;

export const ComparisonTextsSchema = z.object({
  v: Version,
  id: z.string().min(1),
  /** The user-visible conversation up to and including the compared user turn; empty once forgotten. */
  conversation: z.array(ChatMessageSchema),
  /** The answer each slot shows, in display order; null while running or when the slot failed. */
  answers: z.array(z.string().nullable()),
});
export type ComparisonTexts = z.infer<typeof ComparisonTextsSchema>;

export const SlotTraceSchema = z.object({ v: Version, result: PipelineResultSchema });
export type SlotTrace = z.infer<typeof SlotTraceSchema>;

/**
 * The /compare interaction that shows a running comparison: while its token is valid, recovery edits the message
 * through it. Kept only while the comparison runs (the entry is deleted when it finishes) and never logged; the
 * token itself is stored sealed with a key the store does not hold (src/bot/interaction-token-seal.ts).
 */
export const InteractionHandleSchema = z.object({
  applicationId: z.string().min(1),
  sealedToken: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type InteractionHandle = z.infer<typeof InteractionHandleSchema>;

/** A comparison still running, and the process lease of whoever runs it (see process-lease.ts). */
export const RunningEntrySchema = z.object({
  v: Version,
  owner: z.string().min(1),
  startedAt: z.iso.datetime({ offset: true }),
  // A handle from a release that stored the token in clear does not parse: it counts as no handle, and recovery
  // tells the channel by a reply instead of editing the message.
  interaction: InteractionHandleSchema.optional().catch(undefined),
});
export type RunningEntry = z.infer<typeof RunningEntrySchema>;

export const MessageLinkSchema = z.object({ comparisonId: z.string().min(1) });

/** Namespaces of the comparison store, named once for the store, backup and tests. */
export const COMPARISON_NAMESPACES = {
  ballots: 'ballots',
  texts: 'comparison-texts',
  traces: 'comparison-traces',
  running: 'comparisons-running',
  messages: 'comparison-messages',
} as const;
