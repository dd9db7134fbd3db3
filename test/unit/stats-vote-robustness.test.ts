// "Flips with k votes": for each pair of adjacent rows, the fewest votes found whose removal swaps them, listed in
// leaderboard.json so anyone can drop them, refit and see the swap. A close race flips with a few votes; a clear
// lead cannot be flipped within the search's cap, and the board says so rather than inventing a number.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { renderLeaderboard } from '../../src/render/discord/leaderboard/leaderboard-message.ts';
import { buildLeaderboard, type LeaderboardOptions } from '../../src/ratings/build-leaderboard.ts';
import { sortVotes } from '../../src/ratings/sort-votes.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { renderLeaderboardPage } from '../../src/web/leaderboard-page.ts';
import { aBallot, aVote, pick, tie } from '../fixtures/vote-builders.ts';

/** Three-slot comparisons of plain, cot and rules with three voters each; `winner(i, voter)` is each vote. */
function arena(count: number, winner: (index: number, voter: number) => 'plain' | 'cot' | 'rules' | 'tie') {
  const pipelines = ['plain', 'cot', 'rules'];
  const comparisons: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const order = pipelines.map((_, slot) => pipelines[(slot + index) % 3]!);
    const id = `c${String(index).padStart(3, '0')}`;
    comparisons.push(aBallot({ id, pipelines: order }));
    for (let voter = 0; voter < 3; voter += 1) {
      const won = winner(index, voter);
      votes.push(
        aVote(id, won === 'tie' ? tie : pick(order.indexOf(won)), {
          voterHash: `hash-${(index * 7 + voter * 13) % 17}-${voter}`,
        }),
      );
    }
  }
  return { comparisons, votes };
}

/** The votes left after dropping the listed ones, found as a reader of leaderboard.json would: by comparison and place. */
function without(
  votes: VoteRecord[],
  dropped: { comparisonId: string; voterPosition: number; choice: unknown }[],
): VoteRecord[] {
  const sorted = sortVotes(votes);
  const gone = new Set(
    dropped.map((vote) => {
      const found = sorted.filter((entry) => entry.comparisonId === vote.comparisonId)[vote.voterPosition]!;
      expect(found.choice).toEqual(vote.choice);
      return found;
    }),
  );
  expect(gone.size).toBe(dropped.length);
  return votes.filter((vote) => !gone.has(vote));
}

const order = (votes: VoteRecord[], comparisons: Ballot[], options: LeaderboardOptions = {}) =>
  buildLeaderboard(votes, comparisons, options).rows.map((row) => row.pipelineId);

// cot edges out plain (close), and both beat rules clearly.
const close = arena(60, (index, voter) =>
  (index + voter) % 9 === 0
    ? 'tie'
    : (index * 3 + voter) % 20 < 10
      ? 'cot'
      : (index * 3 + voter) % 20 < 18
        ? 'plain'
        : 'rules',
);

describe('votes that would flip a rank', () => {
  it.each([
    ['unweighted', {}],
    ['balanced pair weights', { weights: 'balanced' as const }],
  ])('lists, on a close race (%s), votes whose removal does swap the pair on a refit', (_, options) => {
    const board = buildLeaderboard(close.votes, close.comparisons, options);
    const [first, second] = board.rows;
    expect(first!.flip).toMatchObject({ against: second!.pipelineId });
    const flip = first!.flip!;
    expect(flip.votes).not.toBeNull();
    expect(flip.dropped).toHaveLength(flip.votes!);
    expect(flip.share).toBeCloseTo(flip.votes! / board.counts.rated, 9);
    const refitted = order(without(close.votes, flip.dropped), close.comparisons, options);
    expect(refitted.indexOf(second!.pipelineId)).toBeLessThan(refitted.indexOf(first!.pipelineId));
    expect(board.rows.at(-1)!.flip).toBeNull();
  });

  it('finds the fewest it can: dropping all but the last listed vote does not swap the pair yet', () => {
    const board = buildLeaderboard(close.votes, close.comparisons);
    const [first, second] = board.rows;
    const flip = first!.flip!;
    const refitted = order(without(close.votes, flip.dropped.slice(0, -1)), close.comparisons);
    expect(refitted.indexOf(first!.pipelineId)).toBeLessThan(refitted.indexOf(second!.pipelineId));
  });

  it('says when no small set of votes can flip a clear lead, in leaderboard.json and in the table', () => {
    const clear = arena(60, (index, voter) => ((index + voter) % 10 === 0 ? 'plain' : 'cot'));
    const board = buildLeaderboard(clear.votes, clear.comparisons);
    expect(board.rows.map((row) => row.pipelineId).slice(0, 2)).toEqual(['cot', 'plain']);
    expect(board.rows[0]!.flip).toEqual({ against: 'plain', votes: null, share: null, searchedUpTo: 18, dropped: [] });
    const message = renderLeaderboard(board, { scope: 'global', guildId: null });
    expect(message.content.split('\n').find((line) => / cot /.test(line))).toMatch(/ >18$/);
    const json = JSON.parse(message.files.at(-1)!.attachment.toString('utf8')) as {
      rows: { pipeline: string; flip: unknown }[];
    };
    expect(json.rows[0]!.flip).toEqual({ against: 'plain', votes: null, share: null, searchedUpTo: 18, dropped: [] });
  });

  it('shows a close race as "k (x%)" in the table', () => {
    const board = buildLeaderboard(close.votes, close.comparisons);
    const flip = board.rows[0]!.flip!;
    const message = renderLeaderboard(board, { scope: 'global', guildId: null });
    const line = message.content.split('\n').find((entry) => new RegExp(` ${board.rows[0]!.pipelineId} `).test(entry))!;
    expect(line).toContain(` ${flip.votes} (${(flip.share! * 100).toFixed(1)}%)`);
    expect(message.content).toContain('flips = fewest votes found whose removal puts the row below the next');
    const page = renderLeaderboardPage(
      {
        board,
        charts: { ratings: null, matrix: null },
        chartWidths: { ratings: 10, matrix: 10 },
        builtAt: new Date('2026-12-01T00:00:00Z'),
      },
      [],
    );
    expect(page).toContain('<th>flips with</th>');
    expect(page).toContain(`<td>${flip.votes} (${(flip.share! * 100).toFixed(1)}%) votes</td>`);
  });
});
