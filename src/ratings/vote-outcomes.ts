// One vote becomes pairwise outcomes between pipelines (TECHNIQUES §3). Only slots whose pipeline finished
// with status ok take part: an error message is not an answer, so it neither wins nor loses.
import type { BallotSlot } from '../records/comparisons/stored-records.ts';
import type { VoteChoice } from '../records/votes/vote.ts';

/** `first` scored `score` against `second` (1 = won, 0.5 = tie); `weight` is how much the outcome counts. */
export interface PairOutcome {
  first: string;
  second: string;
  score: 1 | 0.5;
  weight: number;
}

/** Slots that can be compared: the pipeline finished and produced the text users read (ballots never mark an empty answer ok). */
type OutcomeSlot = Pick<BallotSlot, 'pipelineId' | 'status'>;

export function okSlots<Slot extends OutcomeSlot>(ballot: { slots: Slot[] }): Slot[] {
  return ballot.slots.filter((slot) => slot.status === 'ok');
}

/**
 * A pick of slot X: X beats every other ok slot (N-1 outcomes, weight 1). A tie or all-bad: every pair of
 * ok slots scores 0.5 with weight 2/N, so the vote weighs N-1 like a pick. Fewer than two ok slots, or a
 * pick of a slot that failed, gives nothing. A pipeline shown twice (an A/A check) is never paired with itself.
 */
export function voteOutcomes<Slot extends OutcomeSlot>(
  choice: VoteChoice,
  ballot: { slots: Slot[] },
  excludeTies = false,
  slots: Slot[] = okSlots(ballot),
): PairOutcome[] {
  if (slots.length < 2) return [];
  if (choice.kind === 'pick') {
    const winner = ballot.slots[choice.slot];
    if (winner === undefined || !slots.includes(winner)) return [];
    return slots
      .filter((slot) => slot !== winner && slot.pipelineId !== winner.pipelineId)
      .map((loser) => ({ first: winner.pipelineId, second: loser.pipelineId, score: 1, weight: 1 }));
  }
  if (excludeTies) return [];
  const weight = 2 / slots.length;
  const outcomes: PairOutcome[] = [];
  for (let left = 0; left < slots.length; left += 1) {
    for (let right = left + 1; right < slots.length; right += 1) {
      const first = slots[left]!.pipelineId;
      const second = slots[right]!.pipelineId;
      if (first !== second) outcomes.push({ first, second, score: 0.5, weight });
    }
  }
  return outcomes;
}
