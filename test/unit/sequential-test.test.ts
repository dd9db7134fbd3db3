// What an experiment's status and result show: one outcome per comparison, an e-value, an always-valid interval
// and how many comparisons are still needed; and replications from other servers pooled into one decision.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/base/seeded-random.ts';
import { plannedComparisons } from '../../src/ratings/sequential/planned-comparisons.ts';
import {
  combineReplications,
  comparisonOutcome,
  runSequentialTest,
  sequentialPlanSchema,
  type SequentialPlan,
} from '../../src/ratings/sequential/sequential-test.ts';

const plan: SequentialPlan = { alpha: 0.05, power: 0.8, minimumEffect: 0.1 };

/** `count` single-vote outcomes with arm A winning with probability `winRate`. */
function outcomes(seed: number, count: number, winRate: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => (random() < winRate ? 1 : 0));
}

/** `count` single-vote outcomes with arm A winning exactly at `winRate`, spread evenly over time. */
function evenOutcomes(count: number, winRate: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.floor((index + 1) * winRate) - Math.floor(index * winRate));
}

describe('comparisonOutcome', () => {
  it('averages one comparison’s votes, A = 1, B = 0, tie = ½', () => {
    expect(comparisonOutcome(['a'])).toBe(1);
    expect(comparisonOutcome(['b'])).toBe(0);
    expect(comparisonOutcome(['tie'])).toBe(0.5);
    expect(comparisonOutcome(['a', 'b', 'tie', 'a'])).toBe(0.625);
    expect(comparisonOutcome(['a', 'a', 'a'])).toBe(1);
  });

  it('has no outcome for a comparison nobody voted on', () => {
    expect(comparisonOutcome([])).toBeUndefined();
  });
});

describe('sequentialPlanSchema', () => {
  it('accepts a usual plan and refuses error rates or effects that make no sense', () => {
    expect(sequentialPlanSchema.parse(plan)).toEqual(plan);
    expect(sequentialPlanSchema.safeParse({ ...plan, alpha: 0 }).success).toBe(false);
    expect(sequentialPlanSchema.safeParse({ ...plan, power: 0.4 }).success).toBe(false);
    expect(sequentialPlanSchema.safeParse({ ...plan, minimumEffect: 0.5 }).success).toBe(false);
  });
});

describe('runSequentialTest', () => {
  it('before any comparison: no evidence, the whole range, the planned number still needed', () => {
    expect(runSequentialTest([], plan)).toEqual({
      observations: 0,
      estimate: 0.5,
      interval: [0, 1],
      eValue: 1,
      decided: null,
      votesStillNeeded: plannedComparisons(plan),
    });
  });

  it('while undecided: an interval around the estimate holding ½, and fewer comparisons needed as evidence grows', () => {
    const early = runSequentialTest(evenOutcomes(40, 0.62), plan);
    expect(early.decided).toBeNull();
    expect(early.observations).toBe(40);
    expect(early.interval[0]).toBeLessThan(early.estimate);
    expect(early.interval[1]).toBeGreaterThan(early.estimate);
    expect(early.interval[0]).toBeLessThan(0.5);
    expect(early.eValue).toBeLessThan(1 / plan.alpha);
    expect(early.votesStillNeeded).toBeGreaterThan(0);
    expect(early.votesStillNeeded).toBeLessThan(plannedComparisons(plan));
  });

  it('stops at the first comparison where the e-value reaches 1/α and ignores the ones after it', () => {
    const stream = outcomes(3, 1000, 0.7);
    const report = runSequentialTest(stream, plan);
    expect(report.decided).toBe('a');
    expect(report.eValue).toBeGreaterThanOrEqual(1 / plan.alpha);
    expect(report.observations).toBeLessThan(stream.length);
    expect(report.votesStillNeeded).toBeNull();
    expect(report.interval[0]).toBeGreaterThan(0.5);
    const justBefore = runSequentialTest(stream.slice(0, report.observations - 1), plan);
    expect(justBefore.decided).toBeNull();
    expect(runSequentialTest(stream.slice(0, report.observations), plan)).toEqual(report);
  });

  it('narrows its interval as comparisons accumulate, always holding the true win rate here', () => {
    const noEffect = outcomes(9, 2000, 0.5);
    const widths = [50, 200, 800, 2000].map((count) => {
      const { interval, decided } = runSequentialTest(noEffect.slice(0, count), plan);
      expect(decided).toBeNull();
      expect(interval[0]).toBeLessThan(0.5);
      expect(interval[1]).toBeGreaterThan(0.5);
      return interval[1] - interval[0];
    });
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths.at(-1)).toBeLessThan(0.15);
  });

  it('refuses an outcome outside [0, 1], naming which', () => {
    expect(() => runSequentialTest([1, 0, 2], plan)).toThrow('Outcome 3 is 2');
    expect(() => runSequentialTest([Number.NaN], plan)).toThrow('Outcome 1 is NaN');
  });

  it('asks fewer comparisons of a plan looking for a larger effect or accepting more error', () => {
    const base = plannedComparisons(plan);
    expect(plannedComparisons({ ...plan, minimumEffect: 0.2 })).toBeLessThan(base / 3);
    expect(plannedComparisons({ ...plan, alpha: 0.1 })).toBeLessThan(base);
    expect(plannedComparisons({ ...plan, power: 0.95 })).toBeGreaterThan(base);
  });
});

describe('combineReplications', () => {
  const small = [evenOutcomes(100, 0.62), evenOutcomes(150, 0.6)];

  it('pools two replications each too small to decide alone into a decision', () => {
    for (const replication of small) expect(runSequentialTest(replication, plan).decided).toBeNull();
    const pooled = combineReplications(small, plan);
    expect(pooled.replications).toBe(2);
    expect(pooled.decided).toBe('a');
    expect(pooled.observations).toBe(250);
    expect(pooled.eValue).toBeGreaterThanOrEqual(1 / plan.alpha);
    expect(pooled.estimate).toBeCloseTo((62 + 90) / 250, 12);
    expect(pooled.interval[0]).toBeLessThan(pooled.estimate);
    expect(pooled.votesStillNeeded).toBeNull();
  });

  it('multiplies the replications’ evidence in one direction', () => {
    const [first, second] = small.map((replication) => runSequentialTest(replication, plan).eValue);
    expect(combineReplications(small, plan).eValue).toBeGreaterThan(Math.max(first!, second!));
  });

  it('lets replications pointing opposite ways weaken each other instead of adding up', () => {
    const forA = outcomes(21, 150, 0.66);
    const forB = forA.map((outcome) => 1 - outcome);
    const combined = combineReplications([forA, forB], plan);
    expect(combined.decided).toBeNull();
    expect(combined.estimate).toBeCloseTo(0.5, 12);
    expect(combined.votesStillNeeded).toBeGreaterThan(0);
  });

  it('is the single test when there is one replication', () => {
    const single = outcomes(31, 90, 0.6);
    expect(combineReplications([single], plan)).toEqual({ ...runSequentialTest(single, plan), replications: 1 });
  });
});
