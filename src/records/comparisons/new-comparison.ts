// Creates a comparison record with a fresh id and the blind order: runs (pipelines, each with its model when
// asked) shuffled into slots A, B, C... with a cryptographic shuffle, so no one (and no bug) can predict which slot
// holds which pipeline.
import { randomBytes, randomInt } from 'node:crypto';
import type { CompareRun } from '../../engine/create-engine.ts';
import type { ChatMessage } from '../../llm/chat-model.ts';
import { type ComparisonRecord, SLOT_LETTERS } from './comparison.ts';

export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

export function newComparison(input: {
  runs: readonly CompareRun[];
  conversation: ChatMessage[];
  guildId: string | null;
  channelId: string | null;
  requesterHash: string;
  /** 'as-given': the caller already drew the blind order (an experiment, which must know which slot is which arm). */
  order?: 'shuffled' | 'as-given';
}): ComparisonRecord {
  return {
    id: randomBytes(9).toString('base64url'),
    createdAt: new Date().toISOString(),
    guildId: input.guildId,
    channelId: input.channelId,
    messageId: null,
    requesterHash: input.requesterHash,
    conversation: input.conversation,
    slots: (input.order === 'as-given' ? input.runs : shuffled(input.runs)).map(({ pipelineId, model }, index) => ({
      letter: SLOT_LETTERS[index] ?? `#${index + 1}`,
      pipelineId,
      model,
      result: null,
    })),
    status: 'running',
  };
}
