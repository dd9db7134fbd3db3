// The bootstrap draws each resample as multinomial counts per vote pattern instead of drawing votes one
// by one; that is only honest if the binomial draws follow the binomial distribution exactly.
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma } from '../../src/ratings/fit/chi-square-survival.ts';
import { sampleBinomial, sampleMultinomial } from '../../src/ratings/fit/sample-binomial.ts';
import { seededRandom } from '../../src/base/seeded-random.ts';

function binomialProbability(trials: number, probability: number, k: number): number {
  const logChoose = logGamma(trials + 1) - logGamma(k + 1) - logGamma(trials - k + 1);
  return Math.exp(logChoose + k * Math.log(probability) + (trials - k) * Math.log1p(-probability));
}

/** Pearson goodness of fit of `draws` samples of `draw` against Binomial(trials, probability), cells with E ≥ 5. */
function fitPValue(trials: number, probability: number, draws: number, draw: () => number): number {
  const observed = new Array<number>(trials + 1).fill(0);
  for (let index = 0; index < draws; index += 1) observed[draw()]! += 1;
  let statistic = 0;
  let cells = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let k = 0; k <= trials; k += 1) {
    pooledObserved += observed[k]!;
    pooledExpected += draws * binomialProbability(trials, probability, k);
    if (pooledExpected >= 5 || k === trials) {
      statistic += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      cells += 1;
      pooledObserved = 0;
      pooledExpected = 0;
    }
  }
  return chiSquareSurvival(statistic, cells - 1);
}

function binomialFit(trials: number, probability: number, seed: number): number {
  const random = seededRandom(seed);
  return fitPValue(trials, probability, 20_000, () => sampleBinomial(trials, probability, random));
}

describe('bootstrap resampling draws', () => {
  it('follows the binomial distribution when n·p is large (transformed rejection)', () => {
    expect(binomialFit(200, 0.3, 1)).toBeGreaterThan(0.001);
    expect(binomialFit(5000, 0.02, 2)).toBeGreaterThan(0.001);
  });

  it('follows the binomial distribution when n·p is small (inversion) and when p is above one half', () => {
    expect(binomialFit(40, 0.05, 3)).toBeGreaterThan(0.001);
    expect(binomialFit(60, 0.85, 4)).toBeGreaterThan(0.001);
  });

  it('has a fit check that notices a sampler off by one percentage point', () => {
    const random = seededRandom(5);
    expect(fitPValue(200, 0.3, 20_000, () => sampleBinomial(200, 0.31, random))).toBeLessThan(1e-6);
  });

  it('keeps every resample the size of the data and never draws a pattern that has no votes', () => {
    const random = seededRandom(6);
    const counts = new Float64Array(4);
    for (let round = 0; round < 200; round += 1) {
      sampleMultinomial(1000, [500, 0, 300, 200], random, counts);
      expect(counts.reduce((sum, value) => sum + value, 0)).toBe(1000);
      expect(counts[1]).toBe(0);
    }
  });

  it('draws pattern counts with the mean and spread of drawing votes one by one', () => {
    const random = seededRandom(7);
    const counts = new Float64Array(3);
    const firstCounts: number[] = [];
    for (let round = 0; round < 4000; round += 1) {
      sampleMultinomial(500, [100, 150, 250], random, counts);
      firstCounts.push(counts[0]!);
    }
    const mean = firstCounts.reduce((sum, value) => sum + value, 0) / firstCounts.length;
    const variance = firstCounts.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (firstCounts.length - 1);
    expect(mean).toBeCloseTo(100, 0); // n·p = 500·0.2
    expect(variance / 80).toBeGreaterThan(0.9); // n·p·(1 − p) = 80
    expect(variance / 80).toBeLessThan(1.1);
  });
});
