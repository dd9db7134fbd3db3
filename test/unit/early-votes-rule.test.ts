// Which votes cast while answers were still being written the leaderboard counts by default: a letter only if its
// answer was in, 🤝 and 👎 (which judge every answer) only if all were; early-votes: include counts them all.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { aBallot, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const ballot = aBallot({ id: 'c1', pipelines: ['plain', 'cot', 'rules'] });
// Slot 0 (plain) was in when these were cast; 1 and 2 were still being written.
const early = { completeSlots: [0] };
const votes = [
  aVote('c1', pick(0), { voterHash: 'on-an-answer-that-was-in', ...early }),
  aVote('c1', pick(1), { voterHash: 'on-an-answer-still-running', ...early }),
  aVote('c1', tie, { voterHash: 'tie-before-all-were-in', ...early }),
  aVote('c1', allBad, { voterHash: 'all-bad-before-all-were-in', ...early }),
  aVote('c1', pick(2), { voterHash: 'after-all-were-in' }),
  aVote('c1', tie, { voterHash: 'tie-with-all-in', completeSlots: [0, 1, 2] }),
];

describe('early votes on the leaderboard', () => {
  it('counts a letter whose answer was in and ties once all were, and leaves the rest out, saying how many', () => {
    const board = buildLeaderboard(votes, [ballot]);
    expect(board.counts.given).toBe(6);
    expect(board.counts.early).toBe(3);
    expect(board.counts.rated).toBe(3);
  });

  it('counts every vote with early votes included', () => {
    const board = buildLeaderboard(votes, [ballot], { includeEarly: true });
    expect(board.counts.early).toBe(0);
    expect(board.counts.rated).toBe(6);
    expect(board.settings.includeEarly).toBe(true);
  });
});
