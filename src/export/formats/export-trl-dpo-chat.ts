// TRL preference data, conversational type: the prompt is the message list, chosen and rejected are one
// assistant message each.
import type { ExportComparisonSource } from '../export-comparison.js';
import type { VoteRecord } from '../../records/votes/vote.js';
import { assistantTurn, promptMessages } from '../chat-messages.js';
import { exportPairs } from './export-pairs.js';
import type { ExportResult } from '../export-result.js';
import type { TrlDpoChatLine } from '../schemas.js';
import type { ExportOptions } from '../select-decisions.js';

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
