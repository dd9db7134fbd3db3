// 95 % confidence intervals by bootstrap: resample rated VOTES with replacement (pairs from one vote are
// correlated), refit, take the 2.5 / 97.5 percentiles. Seeded, so the same data gives the same intervals.
// Votes sharing a pattern are interchangeable, so a resample is drawn as multinomial counts per pattern:
// the same distribution as drawing votes one by one, at O(patterns) instead of O(votes) per round.
import { fitBradleyTerry } from './fit-bradley-terry.js';
import { quantile } from './quantile.js';
import { fullPatternCounts, pairSumsOf, type RatingTable } from './rating-table.js';
import { sampleMultinomial } from './sample-binomial.js';
import { seededRandom } from './seeded-random.js';
import { toEloRatings } from './to-elo-ratings.js';

export interface BootstrapOptions {
  rounds: number;
  seed: number;
  lambda: number;
  anchorIndex: number | null;
  /** The full-data fit; each refit starts there and converges in a few Newton steps. */
  start: Float64Array;
}

export interface Intervals {
  lower: Float64Array;
  upper: Float64Array;
}

export function bootstrapIntervals(table: RatingTable, options: BootstrapOptions): Intervals {
  const size = table.pipelineIds.length;
  const voteCount = table.patternOfVote.length;
  const samples = new Float64Array(size * options.rounds);
  const frequencies = fullPatternCounts(table);
  const patternCounts = new Float64Array(frequencies.length);
  const sums = { size, wins: new Float64Array(size * size), totals: new Float64Array(size * size) };
  const random = seededRandom(options.seed);
  for (let round = 0; round < options.rounds; round += 1) {
    sampleMultinomial(voteCount, frequencies, random, patternCounts);
    pairSumsOf(table, patternCounts, sums);
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
