// 95 % confidence intervals by bootstrap: resample COMPARISONS with replacement, each with all its votes
// (votes on one comparison judge the same answers, and pairs from one vote are correlated), refit, take the
// 2.5 / 97.5 percentiles. Seeded, so the same data gives the same intervals. Comparisons of one cluster type
// are interchangeable, so a resample is drawn as multinomial counts per type: the same distribution as
// drawing comparisons one by one, at O(types) instead of O(comparisons) per round.
import { fitBradleyTerry } from './fit-bradley-terry.ts';
import { weighPairSums, type WeightMode } from './pair-weights.ts';
import { quantile } from './quantile.ts';
import { pairSumsOf, patternCountsOfClusters, type RatingTable } from '../rating-table.ts';
import { sampleMultinomial } from './sample-binomial.ts';
import { seededRandom } from '../../base/seeded-random.ts';
import { toEloRatings } from './to-elo-ratings.ts';

export interface BootstrapOptions {
  rounds: number;
  seed: number;
  lambda: number;
  anchorIndex: number | null;
  /** Pair weights are recomputed on each resample: the bootstrap repeats the whole estimate. */
  weights: WeightMode;
  /** The full-data fit; each refit starts there and converges in a few Newton steps. */
  start: Float64Array;
}

export interface Intervals {
  lower: Float64Array;
  upper: Float64Array;
}

export function bootstrapIntervals(table: RatingTable, options: BootstrapOptions): Intervals {
  const size = table.pipelineIds.length;
  const samples = new Float64Array(size * options.rounds);
  const typeCounts = new Float64Array(table.clusterFrequency.length);
  const patternCounts = new Float64Array(table.patternStart.length - 1);
  const sums = { size, wins: new Float64Array(size * size), totals: new Float64Array(size * size) };
  const random = seededRandom(options.seed);
  for (let round = 0; round < options.rounds; round += 1) {
    sampleMultinomial(table.comparisonCount, table.clusterFrequency, random, typeCounts);
    patternCountsOfClusters(table, typeCounts, patternCounts);
    weighPairSums(pairSumsOf(table, patternCounts, sums), options.weights);
    const theta = fitBradleyTerry(sums, { lambda: options.lambda, start: options.start });
    const ratings = toEloRatings(theta, options.anchorIndex);
    for (let index = 0; index < size; index += 1) samples[index * options.rounds + round] = ratings[index]!;
  }
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let index = 0; index < size; index += 1) {
    const sorted = samples.subarray(index * options.rounds, (index + 1) * options.rounds).sort();
    lower[index] = quantile(sorted, 0.025);
    upper[index] = quantile(sorted, 0.975);
  }
  return { lower, upper };
}
