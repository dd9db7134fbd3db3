// TRL preference data, conversational type: the prompt is the message list, chosen and rejected are one
// assistant message each.
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { assistantTurn, promptMessages } from '../chat-messages.ts';
import { exportPairs } from './export-pairs.ts';
import type { ExportResult } from '../export-result.ts';
import type { TrlDpoChatLine } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';

export function exportTrlDpoChat(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<TrlDpoChatLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => ({
    prompt: promptMessages(conversation),
    chosen: assistantTurn(chosen),
    rejected: assistantTurn(rejected),
  }));
}
