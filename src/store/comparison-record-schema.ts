// zod schema for a comparison as stored, with its slots' results and traces. Loose objects keep fields this
// schema does not know yet (added by a newer version) instead of dropping them on the next write.
import { z } from 'zod';
import type { ComparisonRecord } from '../comparisons/comparison.js';
import type { PipelineResult, StepTrace } from '../engine/trace.js';
import type { ChatMessage } from '../llm/chat-model.js';
import type { Failure, FailureKind } from '../llm/failure.js';

export const ChatMessageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
}) satisfies z.ZodType<ChatMessage>;

// Any text: the list of failure kinds grows, and a stored failure of a newer kind must still load.
const FailureKindSchema = z.custom<FailureKind>((value) => typeof value === 'string' && value !== '', 'must be a failure kind');

const FailureSchema = z.looseObject({
  kind: FailureKindSchema,
  message: z.string(),
  retryable: z.boolean(),
}) satisfies z.ZodType<Failure>;

const count = z.number().int().min(0);

const StepTraceSchema = z.looseObject({
  step: z.string(),
  kind: z.enum(['generate', 'extract', 'vote', 'judge', 'critique', 'revise', 'rewrite']),
  model: z.string(),
  params: z.looseObject({ temperature: z.number().optional(), maxTokens: z.number().optional(), topP: z.number().optional() }),
  inputMessages: z.array(ChatMessageSchema),
  outputText: z.string(),
  parsedJson: z.unknown().optional(),
  tokensIn: count,
  tokensOut: count,
  latencyMs: z.number().min(0),
  costUsd: z.number().nullable(),
  error: z.string().optional(),
  note: z.string().optional(),
}) satisfies z.ZodType<StepTrace>;

export const PipelineResultSchema = z.looseObject({
  pipelineId: z.string(),
  version: z.string().optional(),
  label: z.string(),
  status: z.enum(['ok', 'error', 'cancelled']),
  answer: z.string().nullable(),
  failure: FailureSchema.optional(),
  trace: z.array(StepTraceSchema),
  totals: z.looseObject({
    calls: count,
    tokensIn: count,
    tokensOut: count,
    costUsd: z.number().nullable(),
    latencyMs: z.number().min(0),
  }),
}) satisfies z.ZodType<PipelineResult>;

export const ComparisonRecordSchema = z.looseObject({
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  requesterHash: z.string(),
  conversation: z.array(ChatMessageSchema),
  slots: z.array(
    z.looseObject({ letter: z.string().min(1), pipelineId: z.string(), result: PipelineResultSchema.nullable() }),
  ),
  status: z.enum(['running', 'done']),
}) satisfies z.ZodType<ComparisonRecord>;
