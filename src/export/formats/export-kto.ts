// TRL unpaired preference (KTO): {prompt, completion, label}. A picked answer is true; every answer of an
// all-bad vote is false; the other answers of a pick are false only with losersNegative, since "not the
// best of four" is not the same as "bad". Ties say nothing about any single answer.
import type { ExportComparisonSource } from '../export-comparison.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import { assistantTurn, promptMessages } from '../chat-messages.ts';
import type { ExportResult } from '../export-result.ts';
import { metaLine } from '../meta-line.ts';
import { answeredSlots, preferencePairs, type AnsweredSlot } from '../preference-pairs.ts';
import type { ExportMetaLine, KtoLine } from '../schemas.ts';
import { selectDecisions, type Decision, type ExportOptions } from '../select-decisions.ts';

interface Labelled {
  entry: AnsweredSlot;
  label: boolean;
}

function labelsOf(decision: Decision, losersNegative: boolean): { labelled: Labelled[]; identical: number } {
  if (decision.choice.kind === 'all-bad')
    return { labelled: answeredSlots(decision).map((entry) => ({ entry, label: false })), identical: 0 };
  if (decision.choice.kind === 'tie') return { labelled: [], identical: 0 };
  const { pairs, identical } = preferencePairs(decision);
  const winner = decision.comparison.slots[decision.choice.slot];
  const chosen = answeredSlots(decision).find((entry) => entry.slot === winner);
  if (chosen === undefined) return { labelled: [], identical: 0 };
  const losers = losersNegative ? pairs.map(({ rejected }) => ({ entry: rejected, label: false })) : [];
  return { labelled: [{ entry: chosen, label: true }, ...losers], identical: losersNegative ? identical : 0 };
}

export function exportKto(
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<KtoLine> {
  const { decisions, skipped } = selectDecisions(votes, comparisons, options);
  const lines: KtoLine[] = [];
  const meta: ExportMetaLine[] = [];
  const reasons = { identicalPairs: 0, ties: 0, allBad: 0, unpairedPicks: 0 };
  for (const decision of decisions) {
    const { labelled, identical } = labelsOf(decision, options.losersNegative === true);
    reasons.identicalPairs += identical;
    if (decision.choice.kind === 'tie') reasons.ties += 1;
    else if (decision.choice.kind === 'pick' && labelled.length === 0) reasons.unpairedPicks += 1;
    for (const { entry, label } of labelled) {
      lines.push({
        prompt: promptMessages(decision.comparison.conversation),
        completion: assistantTurn(entry.answer),
        label,
      });
      meta.push(metaLine(decision, label ? entry.slot : null, label ? null : entry.slot));
    }
  }
  return { lines, meta, skipped: { ...skipped, ...reasons } };
}
