// Intervals and the position-bias check must be honest when several people vote on one comparison: their
// votes judge the same answers, so they are not independent. Seeded simulations with known truth; the
// bench (bench/uncertainty.bench.ts) runs the same with more replicates and prints the figures.
import { describe, expect, it } from 'vitest';
import { intervalCoverage, positionBiasFalseAlarms } from '../fixtures/simulated-votes.ts';

const arena = { comparisons: 120, votersPerComparison: 4, gap: 0.4, spread: 1.5, bootstrapRounds: 200, seed: 11 };

describe('honest uncertainty with several voters per comparison', () => {
  it('covers the true rating about 95% of the time when the bootstrap draws whole comparisons', () => {
    const { coverage } = intervalCoverage({ ...arena, replicates: 150 });
    expect(coverage).toBeGreaterThan(0.9);
    expect(coverage).toBeLessThan(0.99);
  });

  it('would cover it clearly less often if single votes were resampled', () => {
    const clustered = intervalCoverage({ ...arena, replicates: 150 });
    const perVote = intervalCoverage({ ...arena, replicates: 150, votesAsComparisons: true });
    expect(perVote.coverage).toBeLessThan(0.85);
    expect(perVote.meanHalfWidth).toBeLessThan(clustered.meanHalfWidth * 0.75);
  });

  it('gives sandwich intervals (the default) that cover about 95% too, and agree with the bootstrap board by board', () => {
    const bootstrap = intervalCoverage({ ...arena, replicates: 150 });
    const sandwich = intervalCoverage({ ...arena, replicates: 150, intervals: 'sandwich' });
    expect(sandwich.coverage).toBeGreaterThan(0.9);
    expect(sandwich.coverage).toBeLessThan(0.99);
    const relativeGaps = sandwich.halfWidths.map(
      (width, index) => Math.abs(width - bootstrap.halfWidths[index]!) / bootstrap.halfWidths[index]!,
    );
    expect(relativeGaps.every((gap) => gap > 0)).toBe(true); // two methods, not one run twice
    expect(relativeGaps.reduce((sum, gap) => sum + gap, 0) / relativeGaps.length).toBeLessThan(0.1);
    expect(Math.abs(sandwich.meanHalfWidth - bootstrap.meanHalfWidth) / bootstrap.meanHalfWidth).toBeLessThan(0.05);
  });

  it('warns of position bias on about 5% of unbiased leaderboards, across three slot counts', () => {
    const options = { leaderboards: 600, comparisonsPerGroup: 120, maxVotersPerComparison: 5, agreement: 0.6, seed: 5 };
    const corrected = positionBiasFalseAlarms(options);
    expect(corrected).toBeGreaterThan(0.02);
    expect(corrected).toBeLessThan(0.08);
    expect(positionBiasFalseAlarms({ ...options, perVoteUncorrected: true })).toBeGreaterThan(0.2);
  });
});
