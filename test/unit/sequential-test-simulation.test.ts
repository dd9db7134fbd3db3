// The promise of an experiment that stops itself: checked after every comparison, the always-valid test
// declares a winner under no effect at most α of the time, while reading a fixed-sample test after every
// comparison (what someone watching a board does) does so far more often; and at the plan's minimum effect it
// decides within the planned number of comparisons with about the plan's power.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/base/seeded-random.ts';
import { createBettingWealth } from '../../src/ratings/sequential/betting-wealth.ts';
import { plannedComparisons } from '../../src/ratings/sequential/planned-comparisons.ts';
import {
  comparisonOutcome,
  runSequentialTest,
  type ComparisonVote,
  type SequentialPlan,
} from '../../src/ratings/sequential/sequential-test.ts';

const plan: SequentialPlan = { alpha: 0.05, power: 0.8, minimumEffect: 0.1 };
const TIE_RATE = 0.2;

/**
 * One comparison: 1–3 voters, a fifth of votes ties, and voters of one comparison agreeing more than chance
 * (each comparison draws its own leaning, ±0.3 around the arms' true preference), so outcomes are clustered.
 */
function simulatedComparison(random: () => number, winRate: number): number {
  const preference = 0.5 + (winRate - 0.5) / (1 - TIE_RATE) + (random() < 0.5 ? 0.3 : -0.3);
  if (preference < 0 || preference > 1) throw new RangeError(`win rate ${winRate} is too extreme for this model`);
  const voters = 1 + Math.floor(random() * 3);
  const votes: ComparisonVote[] = Array.from({ length: voters }, () => {
    if (random() < TIE_RATE) return 'tie';
    return random() < preference ? 'a' : 'b';
  });
  return comparisonOutcome(votes)!;
}

/** A fixed-sample z-test on the outcomes so far, as a board reader would compute it, rejecting at p < α. */
function zTestRejects(count: number, sum: number, sumOfSquares: number, alpha: number): boolean {
  const mean = sum / count;
  const variance = (sumOfSquares - count * mean * mean) / (count - 1);
  if (variance <= 0) return mean !== 0.5;
  const z = Math.abs(mean - 0.5) / Math.sqrt(variance / count);
  const critical = alpha === 0.05 ? 1.959963984540054 : Number.NaN;
  return z > critical;
}

interface Run {
  sequentialDecided: 'a' | 'b' | null;
  peekingRejected: boolean;
}

/** One experiment of `horizon` comparisons, both tests checked after every comparison. */
function simulate(random: () => number, winRate: number, horizon: number, draw = simulatedComparison): Run {
  const wealth = createBettingWealth(plan, 0.5);
  const barrier = Math.log(1 / plan.alpha);
  let sequentialDecided: Run['sequentialDecided'] = null;
  let peekingRejected = false;
  let sum = 0;
  let sumOfSquares = 0;
  for (let count = 1; count <= horizon && (sequentialDecided === null || !peekingRejected); count += 1) {
    const outcome = draw(random, winRate);
    sum += outcome;
    sumOfSquares += outcome * outcome;
    // A board reader waits for ten comparisons before looking.
    if (count >= 10 && !peekingRejected) peekingRejected = zTestRejects(count, sum, sumOfSquares, plan.alpha);
    if (sequentialDecided === null) {
      wealth.observe(outcome);
      const current = wealth.wealth();
      if (current.total >= barrier) sequentialDecided = current.up >= current.down ? 'a' : 'b';
    }
  }
  return { sequentialDecided, peekingRejected };
}

const rate = (runs: readonly Run[], hit: (run: Run) => boolean) => runs.filter(hit).length / runs.length;
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;

describe('sequential test, simulated', () => {
  const planned = plannedComparisons(plan);

  it('plans a few hundred comparisons for a 60 % win rate at α = 5 %, power 80 %', () => {
    expect(planned).toBeGreaterThan(196); // a fixed-sample test needs 196; monitoring always costs some
    expect(planned).toBeLessThan(400);
  });

  it('keeps false positives under α when checked after every comparison; peeking does not', () => {
    const random = seededRandom(22);
    const runs = Array.from({ length: 2000 }, () => simulate(random, 0.5, 2 * planned));
    const sequential = rate(runs, (run) => run.sequentialDecided !== null);
    const peeking = rate(runs, (run) => run.peekingRejected);
    console.log(
      `null effect, ${runs.length} experiments of ${2 * planned} comparisons checked after each: ` +
        `always-valid test ${percent(sequential)} false positives, peeking at a z-test ${percent(peeking)} (α = ${percent(plan.alpha)})`,
    );
    expect(sequential).toBeLessThanOrEqual(plan.alpha);
    expect(peeking).toBeGreaterThan(3 * plan.alpha);
  });

  it('decides for the better arm with about the planned power at the minimum effect', () => {
    const random = seededRandom(2026);
    const clustered = Array.from({ length: 1000 }, () => simulate(random, 0.5 + plan.minimumEffect, planned));
    // The planner's worst case: one vote per comparison, no ties.
    const singleVote = (draw: () => number, winRate: number) => (draw() < winRate ? 1 : 0);
    const binary = Array.from({ length: 1000 }, () => simulate(random, 0.5 + plan.minimumEffect, planned, singleVote));
    const clusteredPower = rate(clustered, (run) => run.sequentialDecided === 'a');
    const binaryPower = rate(binary, (run) => run.sequentialDecided === 'a');
    console.log(
      `win rate ${percent(0.5 + plan.minimumEffect)}, ${planned} planned comparisons: power ${percent(binaryPower)} ` +
        `with one vote each, ${percent(clusteredPower)} with 1–3 voters and ties (plan: ${percent(plan.power)})`,
    );
    expect(binaryPower).toBeGreaterThanOrEqual(plan.power - 0.1);
    expect(clusteredPower).toBeGreaterThanOrEqual(plan.power - 0.1);
    // Naming the worse arm is a false positive in the other direction: rare.
    expect(rate([...clustered, ...binary], (run) => run.sequentialDecided === 'b')).toBeLessThan(0.01);
  });

  it('its interval holds the true win rate at every time at once in at least 1 − α of experiments', () => {
    // The interval misses the true rate at some time exactly when a bettor against that rate reaches 1/α.
    const random = seededRandom(77);
    for (const winRate of [0.6, 0.4]) {
      let missed = 0;
      const runs = 1000;
      for (let run = 0; run < runs; run += 1) {
        const wealth = createBettingWealth(plan, winRate);
        for (let count = 0; count < planned; count += 1) {
          wealth.observe(simulatedComparison(random, winRate));
          if (wealth.wealth().total >= Math.log(1 / plan.alpha)) {
            missed += 1;
            break;
          }
        }
      }
      console.log(`true win rate ${percent(winRate)}: interval ever missed it in ${percent(missed / runs)} of ${runs}`);
      expect(missed / runs).toBeLessThanOrEqual(plan.alpha);
    }
  });

  it('names arm B when arm B is the better one', () => {
    const random = seededRandom(5);
    const outcomes = Array.from({ length: 2 * planned }, () => simulatedComparison(random, 0.35));
    const report = runSequentialTest(outcomes, plan);
    expect(report.decided).toBe('b');
    expect(report.interval[1]).toBeLessThan(0.5);
  });
});
