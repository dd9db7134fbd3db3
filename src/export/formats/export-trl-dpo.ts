// TRL preference data, standard type with explicit prompt: {prompt, chosen, rejected} as text. The
// completions start with a space so prompt + completion reads as one text, as in TRL's examples.
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { exportPairs } from './export-pairs.ts';
import type { ExportResult } from '../export-result.ts';
import { promptText } from '../render-transcript.ts';
import type { TrlDpoLine } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';

export function exportTrlDpo(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<TrlDpoLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => ({
    prompt: promptText(conversation),
    chosen: ` ${chosen}`,
    rejected: ` ${rejected}`,
  }));
}
