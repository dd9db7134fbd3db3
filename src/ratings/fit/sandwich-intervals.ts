// 95 % intervals for the raw ratings from the sandwich (Arena's default since its 2025-07-23 changelog): one pass
// over the cluster types instead of hundreds of refits. The cluster is a comparison with all its votes, as in the
// bootstrap; comparisons of one cluster type share their score, so B costs O(types), not O(comparisons).
import type { Intervals } from './bootstrap-intervals.ts';
import { pairDerivatives, type PairSums } from './fit-bradley-terry.ts';
import type { RatingTable } from '../rating-table.ts';
import { clusterMeat, ratingIntervals, sandwichCovariance } from './sandwich-covariance.ts';
import { toEloRatings } from './to-elo-ratings.ts';

export interface SandwichOptions {
  lambda: number;
  anchorIndex: number | null;
  /** The pair sums the fit used (weighted when pair weights are on). */
  sums: PairSums;
  /** Per pair cell, the weight factor of its outcomes (pair weights), or null for unweighted. */
  factors: Float64Array | null;
}

export function sandwichIntervals(table: RatingTable, theta: Float64Array, options: SandwichOptions): Intervals {
  const size = table.pipelineIds.length;
  const { information } = pairDerivatives(options.sums, theta, options.lambda);
  // A pattern's score: Σ over its cells of (weighted score − weighted expected score), added to i, taken from j.
  const patternCount = table.patternStart.length - 1;
  const patternScores = new Float64Array(patternCount * size);
  for (let pattern = 0; pattern < patternCount; pattern += 1) {
    for (let index = table.patternStart[pattern]!; index < table.patternStart[pattern + 1]!; index += 1) {
      const cell = table.cell[index]!;
      const i = Math.floor(cell / size);
      const j = cell % size;
      const factor = options.factors === null ? 1 : options.factors[cell]!;
      const residual = factor * (table.win[index]! - table.total[index]! / (1 + Math.exp(theta[j]! - theta[i]!)));
      patternScores[pattern * size + i]! += residual;
      patternScores[pattern * size + j]! -= residual;
    }
  }
  const meat = clusterMeat(size);
  const score = new Float64Array(size);
  for (let type = 0; type < table.clusterFrequency.length; type += 1) {
    score.fill(0);
    for (let index = table.clusterStart[type]!; index < table.clusterStart[type + 1]!; index += 1) {
      const offset = table.clusterPattern[index]! * size;
      const times = table.clusterPatternCount[index]!;
      for (let pipeline = 0; pipeline < size; pipeline += 1)
        score[pipeline]! += times * patternScores[offset + pipeline]!;
    }
    meat.add(score, table.clusterFrequency[type]!);
  }
  const ratings = toEloRatings(theta, options.anchorIndex);
  return ratingIntervals(sandwichCovariance(information, meat), size, ratings, options.anchorIndex);
}
