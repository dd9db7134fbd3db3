// Maps a stored comparison to the blind view the renderer draws: letters and answers only.
import type { ComparisonRecord } from '../../records/comparisons/comparison.ts';
import { blindFailureLine } from '../../render/discord/blind-failure-line.ts';
import type { ComparisonView } from '../../render/discord/comparison-message.ts';
import type { BallotKind } from '../../render/discord/vote-buttons.ts';

export function comparisonView(
  record: ComparisonRecord,
  options: { askWhy?: boolean; ballot?: BallotKind } = {},
): ComparisonView {
  const prompt = record.conversation.findLast((message) => message.role === 'user')?.content ?? '';
  return {
    comparisonId: record.id,
    prompt,
    done: record.status === 'done',
    askWhy: options.askWhy === true,
    ballot: options.ballot ?? 'reactions',
    slots: record.slots.map((slot) => ({
      letter: slot.letter,
      state: slot.result?.status ?? 'running',
      answer: slot.result?.answer ?? undefined,
      failureMessage: slot.result?.failure ? blindFailureLine(slot.result.failure) : undefined,
    })),
  };
}
