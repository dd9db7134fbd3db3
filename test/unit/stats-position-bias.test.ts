// Position bias: with shuffled slots each letter should get 1/N of the decisive picks. The χ² test and
// its p-value are checked against hand-computed and textbook values.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { chiSquareSurvival, logGamma } from '../../src/ratings/fit/chi-square-survival.ts';
import { wilsonInterval } from '../../src/ratings/fit/wilson-interval.ts';
import { aBallot, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const FOUR = ['plain', 'cot', 'rules', 'constitution'];

function picksBySlot(picks: number[]) {
  const comparisons = [];
  const votes = [];
  for (const [slot, count] of picks.entries()) {
    for (let index = 0; index < count; index += 1) {
      const id = `p${slot}-${index}`;
      comparisons.push(aBallot({ id, pipelines: FOUR }));
      votes.push(aVote(id, pick(slot)));
    }
  }
  return { comparisons, votes };
}

describe('position bias', () => {
  it('computes χ² = 7.6 with 3 degrees of freedom for picks 10/5/3/2 over four slots', () => {
    // E = 20/4 = 5; χ² = (25 + 0 + 4 + 9)/5 = 7.6, just under the 5 % critical value 7.81.
    const { comparisons, votes } = picksBySlot([10, 5, 3, 2]);
    const [bias] = buildLeaderboard(votes, comparisons, { bootstrapRounds: 10 }).positionBias;
    expect(bias).toMatchObject({ slotCount: 4, decisiveVotes: 20, degreesOfFreedom: 3 });
    expect(bias!.chiSquare).toBeCloseTo(7.6, 12);
    // Q(3/2, 3.8) = erfc(√3.8) + 2·√(3.8/π)·e^(−3.8) = 0.055044
    expect(bias!.pValue).toBeCloseTo(0.055044, 5);
    expect(bias!.slots.map((slot) => [slot.letter, slot.picks, slot.rate])).toEqual([
      ['A', 10, 0.5],
      ['B', 5, 0.25],
      ['C', 3, 0.15],
      ['D', 2, 0.1],
    ]);
    expect(bias!.slots[0]!.expected).toBe(0.25);
  });

  it('finds nothing to report when every letter is picked equally', () => {
    const { comparisons, votes } = picksBySlot([6, 6, 6, 6]);
    const [bias] = buildLeaderboard(votes, comparisons, { bootstrapRounds: 10 }).positionBias;
    expect(bias).toMatchObject({ chiSquare: 0, pValue: 1 });
  });

  it('ignores ties, and comparisons where a slot failed, and reports each slot count apart', () => {
    const { comparisons, votes } = picksBySlot([3, 1, 0, 0]);
    comparisons.push(aBallot({ id: 'failed', pipelines: FOUR, statuses: ['ok', 'error', 'ok', 'ok'] }));
    votes.push(aVote('failed', pick(0)));
    comparisons.push(aBallot({ id: 'tied', pipelines: FOUR }));
    votes.push(aVote('tied', tie));
    comparisons.push(aBallot({ id: 'three', pipelines: ['plain', 'cot', 'rules'] }));
    votes.push(aVote('three', pick(2)));
    const groups = buildLeaderboard(votes, comparisons, { bootstrapRounds: 10 }).positionBias;
    expect(groups.map((group) => [group.slotCount, group.decisiveVotes])).toEqual([
      [4, 4],
      [3, 1],
    ]);
  });

  it('gives each slot a Wilson interval around its pick rate', () => {
    const { comparisons, votes } = picksBySlot([10, 5, 3, 2]);
    const [bias] = buildLeaderboard(votes, comparisons, { bootstrapRounds: 10 }).positionBias;
    expect(bias!.slots[0]!.interval).toEqual(wilsonInterval(10, 20));
  });
});

describe('chi-square and Wilson arithmetic', () => {
  it('matches textbook chi-square tail probabilities', () => {
    expect(chiSquareSurvival(2, 2)).toBeCloseTo(Math.exp(-1), 12); // df 2: e^(−x/2)
    expect(chiSquareSurvival(7.81, 3)).toBeCloseTo(0.050106, 5); // the 5 % critical value for N = 4
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(0.5, 1)).toBeCloseTo(0.4795, 4);
    expect(chiSquareSurvival(30, 10)).toBeCloseTo(0.00085664, 7);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('knows ln Γ at integers and halves', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('gives the Wilson interval 0.2993–0.7007 for 10 of 20 and stays inside [0, 1] at the edges', () => {
    const half = wilsonInterval(10, 20);
    expect(half.lower).toBeCloseTo(0.2993, 4);
    expect(half.upper).toBeCloseTo(0.7007, 4);
    const none = wilsonInterval(0, 10);
    expect(none.lower).toBeCloseTo(0, 12);
    expect(none.upper).toBeCloseTo(0.2775, 4);
  });
});
