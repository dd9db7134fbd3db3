// Anthropic hh-rlhf: two whole transcripts sharing the history and differing in the last Assistant turn.
import type { ExportComparisonSource } from '../export-comparison.js';
import type { VoteRecord } from '../../records/votes/vote.js';
import { exportPairs } from './export-pairs.js';
import type { ExportResult } from '../export-result.js';
import { hhTranscript } from '../render-transcript.js';
import type { HhRlhfLine } from '../schemas.js';
import type { ExportOptions } from '../select-decisions.js';

export function exportHhRlhf(votes: readonly VoteRecord[], comparisons: ExportComparisonSource, options: ExportOptions = {}): ExportResult<HhRlhfLine> {
  return exportPairs(votes, comparisons, options, (conversation, chosen, rejected) => {
    const history = hhTranscript(conversation);
    return { chosen: `${history}\n\nAssistant: ${chosen}`, rejected: `${history}\n\nAssistant: ${rejected}` };
  });
}
