// A comparison: one conversation answered blind by several pipelines, shown in shuffled slots.
import type { ChatMessage } from '../../llm/chat-model.ts';
import type { PipelineResult } from '../../engine/trace.ts';
import type { PromptCategory, SlotLeak } from './stored-records.ts';

export interface ComparisonSlot {
  /** Display letter: A, B, C... */
  letter: string;
  pipelineId: string;
  /** The generator model this slot was asked to use (/compare models:); absent: the pipeline's usual one. */
  model?: string;
  /** null while the pipeline is still running. */
  result: PipelineResult | null;
}

export interface ComparisonRecord {
  id: string;
  createdAt: string;
  guildId: string | null;
  channelId: string | null;
  /** The Discord message holding the slots; votes arrive as reactions on it. */
  messageId: string | null;
  requesterHash: string;
  /** The user-visible conversation up to and including the compared user turn; never hidden system prompts. */
  conversation: ChatMessage[];
  /** In display order; the shuffle is stored here so the blind order survives restarts. */
  slots: ComparisonSlot[];
  status: 'running' | 'done';
  /** Answers the leak guard flagged; absent means none. */
  leaks?: SlotLeak[];
  /** The prompt's category; absent until the category step is done, and in older comparisons. */
  category?: PromptCategory;
}

export const SLOT_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
/** The most answers one comparison shows: one per slot letter (and vote emoji). */
export const COMPARE_MAX_SLOTS = SLOT_LETTERS.length;
