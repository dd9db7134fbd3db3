// Anthropic hh-rlhf: two whole transcripts sharing the history and differing in the last Assistant turn.
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { exportPairs } from './export-pairs.ts';
import type { ExportResult } from '../export-result.ts';
import { hhTranscript } from '../render-transcript.ts';
import type { HhRlhfLine } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';

export function exportHhRlhf(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<HhRlhfLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => {
    const history = hhTranscript(conversation);
    return { chosen: `${history}\n\nAssistant: ${chosen}`, rejected: `${history}\n\nAssistant: ${rejected}` };
  });
}
