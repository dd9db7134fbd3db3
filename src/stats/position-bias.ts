// Does the slot letter sway votes? Slots are shuffled, so with no bias each letter should get 1/N of the
// decisive picks. Only comparisons whose N slots all finished count: an error message in a slot is an
// obvious non-pick and would fake a bias. Comparisons of different N are reported separately.
import { SLOT_LETTERS } from '../comparisons/comparison.js';
import type { VoteChoice } from '../votes/vote.js';
import { chiSquareSurvival } from './chi-square-survival.js';
import { wilsonInterval, type Interval } from './wilson-interval.js';

export interface SlotPickRate {
  letter: string;
  picks: number;
  rate: number;
  interval: Interval;
  /** The rate with no bias: 1/N. */
  expected: number;
}

export interface PositionBias {
  slotCount: number;
  decisiveVotes: number;
  slots: SlotPickRate[];
  chiSquare: number;
  degreesOfFreedom: number;
  /** P(χ² at least this large | no position bias); below 0.05 suggests a bias. */
  pValue: number;
}

/** One group per slot count with at least one decisive vote, most decisive votes first. */
export function positionBias(votes: Iterable<{ choice: VoteChoice; slotCount: number; allOk: boolean }>): PositionBias[] {
  const picksBySlotCount = new Map<number, number[]>();
  for (const { choice, slotCount, allOk } of votes) {
    if (choice.kind !== 'pick') continue;
    if (slotCount < 2 || !allOk) continue;
    if (choice.slot < 0 || choice.slot >= slotCount) continue;
    const picks = picksBySlotCount.get(slotCount) ?? new Array<number>(slotCount).fill(0);
    picks[choice.slot]! += 1;
    picksBySlotCount.set(slotCount, picks);
  }
  return [...picksBySlotCount.entries()]
    .map(([slotCount, picks]) => biasOf(slotCount, picks))
    .sort((left, right) => right.decisiveVotes - left.decisiveVotes || left.slotCount - right.slotCount);
}

function biasOf(slotCount: number, picks: number[]): PositionBias {
  const decisiveVotes = picks.reduce((sum, value) => sum + value, 0);
  const expectedPicks = decisiveVotes / slotCount;
  const chiSquare = picks.reduce((sum, observed) => sum + (observed - expectedPicks) ** 2 / expectedPicks, 0);
  const degreesOfFreedom = slotCount - 1;
  return {
    slotCount,
    decisiveVotes,
    slots: picks.map((count, index) => ({
      letter: SLOT_LETTERS[index] ?? String(index + 1),
      picks: count,
      rate: count / decisiveVotes,
      interval: wilsonInterval(count, decisiveVotes),
      expected: 1 / slotCount,
    })),
    chiSquare,
    degreesOfFreedom,
    pValue: chiSquareSurvival(chiSquare, degreesOfFreedom),
  };
}
