// A computed leaderboard is stored and read back through LeaderboardSchema: every field the computation fills
// must survive that trip unchanged (a field the schema does not know would be refused, not silently dropped).
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { LeaderboardSchema } from '../../src/ratings/leaderboard.ts';
import { aBallot, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const pipelines = ['plain', 'cot', 'rules', 'constitution'];
const answers = [
  'Short.',
  '## Steps\n- one\n- two\n\n**So**: a longer answer with a list.',
  'A medium answer, plainly put.',
  '**Revised**: a careful answer.',
];
const ballots = Array.from({ length: 40 }, (_, index) =>
  aBallot({ id: `c${index}`, pipelines: [...pipelines.slice(index % 4), ...pipelines.slice(0, index % 4)], answers }),
);
const votes = ballots.flatMap((ballot, index) => [
  aVote(ballot.id, index % 7 === 0 ? tie : index % 11 === 0 ? allBad : pick(index % 4), {
    voterHash: `voter-${index % 5}`,
    tags: ['clear'],
  }),
  aVote(ballot.id, pick((index + 1) % 4), {
    voterHash: `voter-${(index + 2) % 5}`,
    castAt: `2026-11-03T10:${String(index).padStart(2, '0')}:00.000Z`,
  }),
]);
// Half the answers of each comparison drafted by model-a, half by model-b, as in a /compare models:model-a,model-b.
const modelled = ballots.map((ballot) => ({
  ...ballot,
  slots: ballot.slots.map((slot, index) => ({ ...slot, model: index % 2 === 0 ? 'model-a' : 'model-b' })),
}));

describe('the leaderboard schema', () => {
  it.each([
    ['default options', {}],
    ['ties excluded, versions pooled, min votes', { excludeTies: true, versions: 'pool' as const, minVotes: 30 }],
    [
      'without style control or bootstrap',
      { styleControl: false, intervals: 'bootstrap' as const, bootstrapRounds: 0 },
    ],
    [
      'bootstrap intervals and balanced pair weights',
      { intervals: 'bootstrap' as const, weights: 'balanced' as const },
    ],
    ['rows by model', { byModel: true }],
    ['techniques within one model, matched only', { model: 'model-b', matchedOnly: true }],
  ])('reads back a board counted with %s exactly as computed', (_, options) => {
    const board = buildLeaderboard(votes, modelled, { bootstrapRounds: 50, ...options });
    expect(board.rows.length).toBeGreaterThan(1);
    expect(LeaderboardSchema.parse(JSON.parse(JSON.stringify(board)))).toEqual(board);
  });

  it('refuses a board with a field it does not know, so a stored board of another shape is recounted', () => {
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10 });
    const withExtra = { ...board, rows: board.rows.map((row) => ({ ...row, futureField: 1 })) };
    expect(LeaderboardSchema.safeParse(withExtra).success).toBe(false);
  });
});
