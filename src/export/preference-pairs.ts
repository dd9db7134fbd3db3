// A decision becomes (chosen, rejected) pairs: a pick among N gives the winner against each other answer;
// ties and all-bad give none (no answer was preferred). Failed slots are skipped, and so are pairs whose
// two texts are the same, since they teach a model nothing.
import type { BallotSlot } from '../records/comparisons/stored-records.ts';
import { okSlots } from '../ratings/vote-outcomes.ts';
import type { Decision } from './select-decisions.ts';

export interface AnsweredSlot {
  slot: BallotSlot;
  answer: string;
}

export interface PreferencePair {
  chosen: AnsweredSlot;
  rejected: AnsweredSlot;
}

/** The ok slots with the text users saw, in display order. */
export function answeredSlots(decision: Decision): AnsweredSlot[] {
  const { comparison } = decision;
  const ok = new Set(okSlots(comparison));
  return comparison.slots.flatMap((slot, index) => {
    const answer = comparison.answers[index];
    return ok.has(slot) && answer ? [{ slot, answer }] : [];
  });
}

/** Answers differing only in surrounding whitespace count as identical. */
export function sameText(left: string, right: string): boolean {
  return left.trim() === right.trim();
}

export function preferencePairs(decision: Decision): { pairs: PreferencePair[]; identical: number } {
  if (decision.choice.kind !== 'pick') return { pairs: [], identical: 0 };
  const answered = answeredSlots(decision);
  const winnerSlot = decision.comparison.slots[decision.choice.slot];
  const chosen = answered.find((entry) => entry.slot === winnerSlot);
  if (chosen === undefined) return { pairs: [], identical: 0 };
  const others = answered.filter((entry) => entry !== chosen);
  const pairs = others
    .filter((rejected) => !sameText(chosen.answer, rejected.answer))
    .map((rejected) => ({ chosen, rejected }));
  return { pairs, identical: others.length - pairs.length };
}
