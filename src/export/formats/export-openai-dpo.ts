// OpenAI fine-tuning DPO JSONL (also read by Together, Fireworks and Azure): input.messages as context,
// preferred_output and non_preferred_output as one assistant message each.
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { assistantTurn, promptMessages } from '../chat-messages.ts';
import { exportPairs } from './export-pairs.ts';
import type { ExportResult } from '../export-result.ts';
import type { OpenAiDpoLine } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';

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
