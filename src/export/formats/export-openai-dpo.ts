// OpenAI fine-tuning DPO JSONL (also read by Together, Fireworks and Azure): input.messages as context,
// preferred_output and non_preferred_output as one assistant message each.
import type { ExportComparisonSource } from '../export-comparison.js';
import type { VoteRecord } from '../../records/votes/vote.js';
import { assistantTurn, promptMessages } from '../chat-messages.js';
import { exportPairs } from './export-pairs.js';
import type { ExportResult } from '../export-result.js';
import type { OpenAiDpoLine } from '../schemas.js';
import type { ExportOptions } from '../select-decisions.js';

export function exportOpenAiDpo(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<OpenAiDpoLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => ({
    input: { messages: promptMessages(conversation) },
    preferred_output: assistantTurn(chosen),
    non_preferred_output: assistantTurn(rejected),
  }));
}
