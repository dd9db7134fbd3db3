// Every counted vote with its comparison, enough to recompute the leaderboard or build any other format
// elsewhere. Always one line per vote: `aggregate` does not apply here.
import type { ExportComparison } from '../export-comparison.ts';
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { promptMessages } from '../chat-messages.ts';
import type { ExportResult } from '../export-result.ts';
import { metaLine } from '../meta-line.ts';
import type { ExportMetaLine, RawLine } from '../schemas.ts';
import { selectDecisions, type ExportOptions } from '../select-decisions.ts';

function rawLine(vote: VoteRecord, comparison: ExportComparison): RawLine {
  const { choice } = vote;
  return {
    comparisonId: comparison.id,
    guildId: comparison.guildId,
    createdAt: comparison.createdAt,
    conversation: promptMessages(comparison.conversation),
    slots: comparison.slots.map((slot, index) => ({
      letter: slot.letter,
      pipelineId: slot.pipelineId,
      version: slot.version,
      status: slot.status,
      model: slot.model,
      features: slot.features,
      answer: comparison.answers[index] ?? null,
      totals: slot.totals,
    })),
    choice:
      choice.kind === 'pick'
        ? { kind: 'pick', slot: choice.slot, letter: comparison.slots[choice.slot]?.letter ?? '?' }
        : { kind: choice.kind },
    voterHash: vote.voterHash,
    castAt: vote.castAt,
    afterReveal: vote.afterReveal,
    leaked: comparison.leaks.length > 0,
    overCap: vote.overCap === true,
    tags: vote.tags ?? [],
    category: comparison.category ?? null,
  };
}

export function exportRaw(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<RawLine> {
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
  return { lines, meta, skipped: { ...skipped, identicalPairs: 0, ties: 0, allBad: 0, unpairedPicks: 0 } };
}
