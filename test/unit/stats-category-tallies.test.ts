// A row's outcomes per prompt category come from the same count as its rating: each outcome of a counted vote goes
// to the category of its comparison, and comparisons from before categories count as `other`.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { aBallot, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const filed = (id: string, category: string | null): Ballot => ({
  ...aBallot({ id, pipelines: ['plain', 'cot'] }),
  ...(category === null ? {} : { category: { id: category, source: 'judge' as const } }),
});

describe('outcomes per prompt category', () => {
  const ballots = [filed('sum', 'maths'), filed('hello', 'chit-chat'), filed('old', null)];
  const votes = [
    aVote('sum', pick(1)),
    aVote('sum', pick(1), { voterHash: 'voter-2' }),
    aVote('hello', tie),
    aVote('old', pick(0)),
  ];

  it('splits each row’s wins, losses and ties by its comparisons’ category, most outcomes first', () => {
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10 });
    const byCategory = (id: string) => board.rows.find((row) => row.pipelineId === id)!.byCategory;
    expect(byCategory('cot')).toEqual([
      { category: 'maths', wins: 2, losses: 0, ties: 0 },
      { category: 'chit-chat', wins: 0, losses: 0, ties: 1 },
      { category: 'other', wins: 0, losses: 1, ties: 0 },
    ]);
    expect(byCategory('plain')).toEqual([
      { category: 'maths', wins: 0, losses: 2, ties: 0 },
      { category: 'chit-chat', wins: 0, losses: 0, ties: 1 },
      { category: 'other', wins: 1, losses: 0, ties: 0 },
    ]);
  });

  it('adds up to the row’s own tally, and matches the board counted within one category', () => {
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10 });
    for (const row of board.rows) {
      const sum = (field: 'wins' | 'losses' | 'ties') =>
        row.byCategory.reduce((total, entry) => total + entry[field], 0);
      expect([sum('wins'), sum('losses'), sum('ties')]).toEqual([row.wins, row.losses, row.ties]);
    }
    const maths = buildLeaderboard(votes, ballots, { bootstrapRounds: 10, category: 'maths' });
    const cot = maths.rows.find((row) => row.pipelineId === 'cot')!;
    expect(cot.byCategory).toEqual([{ category: 'maths', wins: cot.wins, losses: cot.losses, ties: cot.ties }]);
  });
});
