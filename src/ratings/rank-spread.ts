// The ranks a row's 95% interval allows (Arena's rank spread): best = 1 + the rows whose lower bound is above its
// upper bound (they are surely better), worst = the rows whose upper bound reaches its lower bound, itself included
// (none of them is surely worse). Overlapping intervals give a spread, separated ones a single rank.
import { z } from 'zod';

export const RankSpreadSchema = z.strictObject({ best: z.number(), worst: z.number() });
export type RankSpread = z.infer<typeof RankSpreadSchema>;

export function rankSpreads(intervals: readonly { lower: number; upper: number }[]): RankSpread[] {
  return intervals.map((interval) => ({
    best: 1 + intervals.filter((other) => other.lower > interval.upper).length,
    worst: intervals.filter((other) => other.upper >= interval.lower).length,
  }));
}

/** "3" when the interval allows one rank, "2–5" otherwise. */
export const rankSpreadText = ({ best, worst }: RankSpread): string =>
  best === worst ? String(best) : `${best}–${worst}`;
