// Every counted vote with its comparison, enough to recompute the leaderboard or build any other format
// elsewhere. Always one line per vote: `aggregate` does not apply here.
import type { ComparisonRecord } from '../comparisons/comparison.js';
import type { ComparisonSource } from '../stats/to-comparison-map.js';
import type { VoteRecord } from '../votes/vote.js';
import { promptMessages } from './chat-messages.js';
import type { ExportResult } from './export-result.js';
import { metaLine } from './meta-line.js';
import type { ExportMetaLine, RawLine } from './schemas.js';
import { selectDecisions, type ExportOptions } from './select-decisions.js';

function rawLine(vote: VoteRecord, comparison: ComparisonRecord): RawLine {
  const { choice } = vote;
  return {
    comparisonId: comparison.id,
    guildId: comparison.guildId,
    createdAt: comparison.createdAt,
    conversation: promptMessages(comparison.conversation),
    slots: comparison.slots.map((slot) => ({
      letter: slot.letter,
      pipelineId: slot.pipelineId,
      status: slot.result?.status ?? 'pending',
      answer: slot.result?.answer ?? null,
    })),
    choice: choice.kind === 'pick' ? { kind: 'pick', slot: choice.slot, letter: comparison.slots[choice.slot]?.letter ?? '?' } : { kind: choice.kind },
    voterHash: vote.voterHash,
    castAt: vote.castAt,
    afterReveal: vote.afterReveal,
  };
}

export function exportRaw(votes: readonly VoteRecord[], comparisons: ComparisonSource, options: ExportOptions = {}): ExportResult<RawLine> {
  const { decisions, skipped } = selectDecisions(votes, comparisons, { ...options, aggregate: 'per-vote' });
  const lines: RawLine[] = [];
  const meta: ExportMetaLine[] = [];
  for (const decision of decisions) {
    const vote = decision.agreeing[0]!;
    const { choice } = vote;
    const picked = choice.kind === 'pick' ? decision.comparison.slots[choice.slot] : undefined;
    lines.push(rawLine(vote, decision.comparison));
    meta.push(metaLine(decision, picked ?? null, null));
  }
  return { lines, meta, skipped: { ...skipped, identicalPairs: 0 } };
}
