// zod schemas of every export line, exact field names from TECHNIQUES §4. Strict objects: the main files
// carry only documented fields (ids and voters live in the meta sidecar), so an extra key is a bug.
import { z } from 'zod';
import { AnswerFeaturesSchema } from '../records/comparisons/answer-features.ts';
import { PromptCategorySchema, SLOT_STATUSES } from '../records/comparisons/stored-records.ts';
import { PipelineTotalsSchema } from '../engine/trace.ts';

const Message = z.strictObject({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
const AssistantTurn = z.tuple([z.strictObject({ role: z.literal('assistant'), content: z.string().min(1) })]);
const Conversation = z.array(Message).min(1);

export const TrlDpoLine = z.strictObject({
  prompt: z.string().min(1),
  chosen: z.string().min(1),
  rejected: z.string().min(1),
});
export type TrlDpoLine = z.infer<typeof TrlDpoLine>;

export const TrlDpoChatLine = z.strictObject({ prompt: Conversation, chosen: AssistantTurn, rejected: AssistantTurn });
export type TrlDpoChatLine = z.infer<typeof TrlDpoChatLine>;

const Transcript = z
  .string()
  .regex(/^\n\nHuman: [\s\S]*\n\nAssistant: [\s\S]+$/, 'must be a \\n\\nHuman: … \\n\\nAssistant: … transcript');
export const HhRlhfLine = z.strictObject({ chosen: Transcript, rejected: Transcript });
export type HhRlhfLine = z.infer<typeof HhRlhfLine>;

export const OpenAiDpoLine = z.strictObject({
  input: z.strictObject({ messages: Conversation }),
  preferred_output: AssistantTurn,
  non_preferred_output: AssistantTurn,
});
export type OpenAiDpoLine = z.infer<typeof OpenAiDpoLine>;

export const KtoLine = z.strictObject({ prompt: Conversation, completion: AssistantTurn, label: z.boolean() });
export type KtoLine = z.infer<typeof KtoLine>;

const RawChoice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pick'), slot: z.int().min(0), letter: z.string().min(1) }),
  z.strictObject({ kind: z.literal('tie') }),
  z.strictObject({ kind: z.literal('all-bad') }),
]);

/** One vote with everything needed to recompute the leaderboard without the bot's store. */
export const RawLine = z.strictObject({
  comparisonId: z.string().min(1),
  guildId: z.string().nullable(),
  createdAt: z.string(),
  conversation: Conversation,
  slots: z
    .array(
      z.strictObject({
        letter: z.string().min(1),
        pipelineId: z.string().min(1),
        /** Content hash of the pipeline as run; null for answers stored before versions existed. */
        version: z.string().nullable(),
        status: z.enum(SLOT_STATUSES),
        model: z.string().nullable(),
        /** Length and markdown counts, for style-controlled ratings. */
        features: AnswerFeaturesSchema.nullable(),
        answer: z.string().nullable(),
        /** Calls, tokens, cost and latency of the pipeline run, for the leaderboard's cost columns; null if unknown. */
        totals: PipelineTotalsSchema.nullable(),
      }),
    )
    .min(1),
  choice: RawChoice,
  voterHash: z.string().min(1),
  castAt: z.string(),
  afterReveal: z.boolean(),
  /** The leak guard flagged an answer of this comparison: it was not fully blind (left out of ratings by default). */
  leaked: z.boolean(),
  /** Cast past the voter's daily vote cap (/config vote-cap, else VOTES_PER_DAY): left out of ratings by default. */
  overCap: z.boolean(),
  /** Reason tags the voter gave with "Why?" (prompts/reason-tags.yaml ids). */
  tags: z.array(z.string()).optional(),
  /** The prompt's category and whether the judge or the patterns gave it; null before categories (counts as other). */
  category: PromptCategorySchema.nullable(),
});
export type RawLine = z.infer<typeof RawLine>;

/** The sidecar: line i describes line i of the main file. */
export const ExportMetaLine = z.strictObject({
  comparisonId: z.string().min(1),
  guildId: z.string().nullable(),
  choice: z.enum(['pick', 'tie', 'all-bad']),
  chosenPipelineId: z.string().nullable(),
  chosenVersion: z.string().nullable(),
  chosenSlot: z.string().nullable(),
  rejectedPipelineId: z.string().nullable(),
  rejectedVersion: z.string().nullable(),
  rejectedSlot: z.string().nullable(),
  /** The voter's hash per vote; null when the line stands for a majority of several voters. */
  voterHash: z.string().nullable(),
  /** The voters whose choice the line records. */
  voterHashes: z.array(z.string()).min(1),
  castAt: z.string(),
  /** Votes counted on the comparison, and how many of them made the recorded choice. */
  votes: z.int().min(1),
  agreeing: z.int().min(1),
  /** The voters disagreed (majority aggregation only). */
  split: z.boolean(),
  /** The leak guard flagged an answer of this comparison: it was not fully blind. */
  leaked: z.boolean(),
  /**
   * Reason tags the recorded voters gave with "Why?". Here, not in the line, for every format: TRL's KTO and
   * DPO lines keep exactly their documented fields.
   */
  tags: z.array(z.string()).optional(),
});
export type ExportMetaLine = z.infer<typeof ExportMetaLine>;

export const EXPORT_LINE_SCHEMAS = {
  'trl-dpo': TrlDpoLine,
  'trl-dpo-chat': TrlDpoChatLine,
  'hh-rlhf': HhRlhfLine,
  'openai-dpo': OpenAiDpoLine,
  kto: KtoLine,
  raw: RawLine,
} as const;

export type ExportFormat = keyof typeof EXPORT_LINE_SCHEMAS;
export const EXPORT_FORMATS = Object.keys(EXPORT_LINE_SCHEMAS) as ExportFormat[];
