// weights: balanced (Arena's pair reweighting): a pair of techniques shown far more often than the others must
// not set the ratings alone. Each pair then weighs the same, so the board reads as if every pair had met equally
// often, and the over-sampled pair's precision no longer narrows the intervals it props up.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { leaderboardJson } from '../../src/render/leaderboard-json.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aBallot, aVote, pick } from '../fixtures/vote-builders.ts';

/** `meetings` two-slot comparisons of first vs second, of which first wins `firstWins`; one voter each. */
function pairing(first: string, second: string, meetings: number, firstWins: number) {
  const comparisons: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < meetings; index += 1) {
    const id = `${first}-${second}-${index}`;
    comparisons.push(aBallot({ id, pipelines: [first, second] }));
    votes.push(aVote(id, pick(index < firstWins ? 0 : 1), { voterHash: `voter-${index % 7}` }));
  }
  return { comparisons, votes };
}

const board = (parts: ReturnType<typeof pairing>[], weights: 'none' | 'balanced') =>
  buildLeaderboard(
    parts.flatMap((part) => part.votes),
    parts.flatMap((part) => part.comparisons),
    { weights, lambda: 1e-9 },
  );
const rating = (leaderboard: ReturnType<typeof buildLeaderboard>, id: string) =>
  leaderboard.rows.find((row) => row.pipelineId === id)!;

// A cycle: each beats the next 70% of the time (cot plain, rules cot, plain rules); plain–cot was shown ten times as often.
const overSampled = [
  pairing('cot', 'plain', 200, 140),
  pairing('rules', 'cot', 20, 14),
  pairing('plain', 'rules', 20, 14),
];
const evenlySampled = [
  pairing('cot', 'plain', 20, 14),
  pairing('rules', 'cot', 20, 14),
  pairing('plain', 'rules', 20, 14),
];

describe('balanced pair weights', () => {
  it('rates a board with one over-sampled pair as if every pair had met equally often', () => {
    const balanced = board(overSampled, 'balanced');
    const even = board(evenlySampled, 'none');
    for (const id of ['plain', 'cot', 'rules'])
      expect(rating(balanced, id).rating).toBeCloseTo(rating(even, id).rating, 3);
  });

  it('changes what unweighted votes say: the over-sampled pair no longer decides the order', () => {
    const unweighted = board(overSampled, 'none');
    const balanced = board(overSampled, 'balanced');
    // Unweighted, cot's 140 wins over plain outweigh everything else and put cot first; balanced, the cycle evens out.
    expect(unweighted.rows[0]!.pipelineId).toBe('cot');
    expect(rating(unweighted, 'cot').rating - rating(unweighted, 'plain').rating).toBeGreaterThan(60);
    for (const id of ['cot', 'rules']) expect(rating(balanced, id).rating).toBeCloseTo(1000, 3);
    // The 200 plain–cot votes count as 80: cot's interval against plain widens.
    const width = (leaderboard: ReturnType<typeof buildLeaderboard>) =>
      rating(leaderboard, 'cot').interval.upper - rating(leaderboard, 'cot').interval.lower;
    expect(width(balanced)).toBeGreaterThan(width(unweighted) * 1.3);
  });

  it('says in leaderboard.json which weighting and which interval method were used', () => {
    const json = JSON.parse(leaderboardJson(board(overSampled, 'balanced'), { scope: 'global', guildId: null })) as {
      settings: Record<string, unknown>;
    };
    expect(json.settings).toMatchObject({ weights: 'balanced', intervals: 'sandwich' });
    const bootstrapped = buildLeaderboard(
      overSampled.flatMap((part) => part.votes),
      overSampled.flatMap((part) => part.comparisons),
      { intervals: 'bootstrap', bootstrapRounds: 20 },
    );
    expect(
      (
        JSON.parse(leaderboardJson(bootstrapped, { scope: 'global', guildId: null })) as {
          settings: Record<string, unknown>;
        }
      ).settings,
    ).toMatchObject({ weights: 'none', intervals: 'bootstrap' });
  });
});
