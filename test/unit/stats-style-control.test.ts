// Style control: when longer answers win whatever the pipeline, two equally strong pipelines of different
// lengths look apart on the raw ratings and together once style is held equal. Seeded synthetic votes.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { seededRandom } from '../../src/base/seeded-random.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aBallot, aVote, pick } from '../fixtures/vote-builders.ts';

const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index % 10}`).join(' ');

/** `verbose` answers 120–360 words, `plain` 40–280: overlapping, so length and pipeline can be told apart. */
function lengthWinsArena(comparisons: number, seed: number, lengthEffect: number) {
  const random = seededRandom(seed);
  const ballots: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < comparisons; index += 1) {
    const pipelines = index % 2 === 0 ? ['plain', 'verbose'] : ['verbose', 'plain'];
    const lengths = pipelines.map((pipeline) => (pipeline === 'verbose' ? 120 : 40) + Math.floor(random() * 240));
    const id = `s${index}`;
    const ballot = aBallot({ id, pipelines, answers: lengths.map(words) });
    ballots.push(ballot);
    const [a, b] = ballot.slots.map((slot) => slot.features!.tokens) as [number, number];
    const firstWins = random() < 1 / (1 + Math.exp(-lengthEffect * ((a - b) / (a + b + 1)))) ? 0 : 1;
    votes.push(aVote(id, pick(firstWins), { voterHash: `voter-${index % 7}` }));
  }
  return { ballots, votes };
}

describe('style control', () => {
  const { ballots, votes } = lengthWinsArena(600, 4, 4);
  const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 200 });
  const verbose = board.rows.find((row) => row.pipelineId === 'verbose')!;

  it('shows a raw gap between equally strong pipelines when longer answers win', () => {
    expect(verbose.rating).toBeGreaterThan(1040);
    expect(verbose.interval.lower).toBeGreaterThan(1000);
  });

  it('shrinks the gap to within its interval once length is held equal', () => {
    const styled = verbose.styleControlled!;
    expect(Math.abs(styled.rating - 1000)).toBeLessThan(Math.abs(verbose.rating - 1000) / 3);
    expect(styled.interval.lower).toBeLessThan(1000);
    expect(styled.interval.upper).toBeGreaterThan(1000);
  });

  it('puts the length effect in the tokens coefficient, with an interval clear of zero', () => {
    const tokens = board.style!.coefficients.find((entry) => entry.feature === 'tokens')!;
    expect(tokens.coefficient).toBeGreaterThan(0);
    expect(tokens.interval.lower).toBeGreaterThan(0);
    expect(board.style!.comparisons).toBe(600);
  });

  it('changes nothing when style does not sway votes', () => {
    const neutral = lengthWinsArena(400, 22, 0);
    const row = buildLeaderboard(neutral.votes, neutral.ballots, { bootstrapRounds: 100 }).rows.find(
      (entry) => entry.pipelineId === 'verbose',
    )!;
    expect(row.styleControlled!.interval.lower).toBeLessThan(1000);
    expect(row.styleControlled!.interval.upper).toBeGreaterThan(1000);
  });

  it('can be turned off', () => {
    const off = buildLeaderboard(votes, ballots, { bootstrapRounds: 20, styleControl: false });
    expect(off.style).toBeNull();
    expect(off.rows.every((row) => row.styleControlled === null)).toBe(true);
  });
});
