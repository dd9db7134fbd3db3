// TRL preference data, standard type with explicit prompt: {prompt, chosen, rejected} as text. The
// completions start with a space so prompt + completion reads as one text, as in TRL's examples.
import type { ExportComparisonSource } from '../export-comparison.js';
import type { VoteRecord } from '../../records/votes/vote.js';
import { exportPairs } from './export-pairs.js';
import type { ExportResult } from '../export-result.js';
import { promptText } from '../render-transcript.js';
import type { TrlDpoLine } from '../schemas.js';
import type { ExportOptions } from '../select-decisions.js';

export function exportTrlDpo(votes: readonly VoteRecord[], comparisons: ExportComparisonSource, options: ExportOptions = {}): ExportResult<TrlDpoLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => ({
    prompt: promptText(conversation),
    chosen: ` ${chosen}`,
    rejected: ` ${rejected}`,
  }));
}
