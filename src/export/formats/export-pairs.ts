// Shared by the paired formats (trl-dpo, trl-dpo-chat, hh-rlhf, openai-dpo): decisions → pairs → lines,
// with the meta sidecar kept in step. Each format only says how one pair becomes one line.
import type { ChatMessage } from '../../llm/chat-model.ts';
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import type { ExportResult } from '../export-result.ts';
import { metaLine } from '../meta-line.ts';
import { preferencePairs } from '../preference-pairs.ts';
import type { ExportMetaLine } from '../schemas.ts';
import { selectDecisions, type ExportOptions } from '../select-decisions.ts';

export type PairToLine<Line> = (conversation: ChatMessage[], chosen: string, rejected: string) => Line;

export function exportPairs<Line>(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions,
  toLine: PairToLine<Line>,
): ExportResult<Line> {
  const { decisions, skipped } = selectDecisions(votes, comparisons, options);
  const lines: Line[] = [];
  const meta: ExportMetaLine[] = [];
  const reasons = { identicalPairs: 0, ties: 0, allBad: 0, unpairedPicks: 0 };
  for (const decision of decisions) {
    const { pairs, identical } = preferencePairs(decision);
    reasons.identicalPairs += identical;
    if (decision.choice.kind === 'tie') reasons.ties += 1;
    else if (decision.choice.kind === 'all-bad') reasons.allBad += 1;
    else if (pairs.length === 0 && identical === 0) reasons.unpairedPicks += 1;
    for (const { chosen, rejected } of pairs) {
      lines.push(toLine(decision.comparison.conversation, chosen.answer, rejected.answer));
      meta.push(metaLine(decision, chosen.slot, rejected.slot));
    }
  }
  return { lines, meta, skipped: { ...skipped, ...reasons } };
}
