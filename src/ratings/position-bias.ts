// Does the slot letter sway votes? Slots are shuffled, so with no bias each letter should get 1/N of the
// decisive picks. The unit is the comparison: votes on one comparison judge the same answers in the same
// slots, so they are not independent draws, and counting each would fake evidence. Each comparison gives
// one pick, its first decisive vote in store order (voters are ordered by their salted hash, so in effect
// at random). Only comparisons whose N slots all finished count: an error message in a slot is an obvious
// non-pick and would fake a bias. Comparisons of different N are tested separately, and the p-values are
// corrected across those tests with Holm's step-down method, so the chance of any warning on an unbiased
// leaderboard stays at 5 %.
import { SLOT_LETTERS } from '../records/comparisons/comparison.ts';
import type { VoteChoice } from '../records/votes/vote.ts';
import { chiSquareSurvival } from './fit/chi-square-survival.ts';
import { z } from 'zod';
import { IntervalSchema, wilsonInterval } from './fit/wilson-interval.ts';

/** Below this many expected picks per slot the χ² approximation is too rough to call a bias either way. */
export const MIN_EXPECTED_PICKS = 5;
export const BIAS_SIGNIFICANCE = 0.05;

export const SlotPickRateSchema = z.strictObject({
  letter: z.string(),
  picks: z.number(),
  rate: z.number(),
  interval: IntervalSchema,
  /** The rate with no bias: 1/N. */
  expected: z.number(),
});
export type SlotPickRate = z.infer<typeof SlotPickRateSchema>;

export const PositionBiasSchema = z.strictObject({
  slotCount: z.number(),
  /** Comparisons with a decisive pick: one pick each. */
  decisiveVotes: z.number(),
  /** All decisive picks on those comparisons, including the further voters' (shown, not tested). */
  allDecisivePicks: z.number(),
  slots: z.array(SlotPickRateSchema),
  chiSquare: z.number(),
  degreesOfFreedom: z.number(),
  /** P(χ² at least this large | no position bias), for this group alone. */
  pValue: z.number(),
  /** Whether there are enough picks (MIN_EXPECTED_PICKS per slot) for the χ² test to judge. */
  tested: z.boolean(),
  /** Holm-corrected over the tested groups; null when the group is not tested. Below 0.05 suggests a bias. */
  adjustedPValue: z.number().nullable(),
});
export type PositionBias = z.infer<typeof PositionBiasSchema>;

interface PickEntry {
  comparison: number;
  choice: VoteChoice;
  slotCount: number;
  allOk: boolean;
}

/** One group per slot count with at least one decisive pick, most comparisons first. `votes` grouped by comparison. */
export function positionBias(votes: Iterable<PickEntry>): PositionBias[] {
  const picksBySlotCount = new Map<number, { first: number[]; all: number }>();
  let lastComparison = -1;
  for (const { comparison, choice, slotCount, allOk } of votes) {
    if (choice.kind !== 'pick') continue;
    if (slotCount < 2 || !allOk) continue;
    if (choice.slot < 0 || choice.slot >= slotCount) continue;
    const group = picksBySlotCount.get(slotCount) ?? { first: new Array<number>(slotCount).fill(0), all: 0 };
    group.all += 1;
    if (comparison !== lastComparison) group.first[choice.slot]! += 1;
    lastComparison = comparison;
    picksBySlotCount.set(slotCount, group);
  }
  const groups = [...picksBySlotCount.entries()]
    .map(([slotCount, { first, all }]) => biasOf(slotCount, first, all))
    .sort((left, right) => right.decisiveVotes - left.decisiveVotes || left.slotCount - right.slotCount);
  return withHolm(groups);
}

function biasOf(slotCount: number, picks: number[], allDecisivePicks: number): PositionBias {
  const decisiveVotes = picks.reduce((sum, value) => sum + value, 0);
  const expectedPicks = decisiveVotes / slotCount;
  const chiSquare = picks.reduce((sum, observed) => sum + (observed - expectedPicks) ** 2 / expectedPicks, 0);
  const degreesOfFreedom = slotCount - 1;
  return {
    slotCount,
    decisiveVotes,
    allDecisivePicks,
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
    tested: expectedPicks >= MIN_EXPECTED_PICKS,
    adjustedPValue: null,
  };
}

/** Holm (1979): the k-th smallest of m p-values is multiplied by m − k + 1, kept monotone, capped at 1. */
function withHolm(groups: PositionBias[]): PositionBias[] {
  const tested = groups.filter((group) => group.tested).sort((left, right) => left.pValue - right.pValue);
  const adjusted = new Map<PositionBias, number>();
  let running = 0;
  tested.forEach((group, index) => {
    running = Math.max(running, Math.min(1, group.pValue * (tested.length - index)));
    adjusted.set(group, running);
  });
  return groups.map((group) => ({ ...group, adjustedPValue: adjusted.get(group) ?? null }));
}
