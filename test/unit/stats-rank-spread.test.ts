// Rank spread (Arena's): each row shows the best and worst rank its 95% interval allows, so overlapping
// intervals read as shared ranks and only separated ones as a firm order: in the Discord table, on the public
// page, on the ratings chart and in leaderboard.json.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { renderLeaderboard } from '../../src/render/discord/leaderboard/leaderboard-message.ts';
import { ratingsChart } from '../../src/render/charts/leaderboard-charts.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { rankSpreads } from '../../src/ratings/rank-spread.ts';
import { renderLeaderboardPage } from '../../src/web/leaderboard-page.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aBallot, aVote, pick } from '../fixtures/vote-builders.ts';

/** Two-slot comparisons of first vs second, first winning `firstWins` of `meetings`. */
function pairing(first: string, second: string, meetings: number, firstWins: number) {
  const comparisons: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < meetings; index += 1) {
    const id = `${first}-${second}-${index}`;
    comparisons.push(aBallot({ id, pipelines: [first, second] }));
    votes.push(aVote(id, pick(index < firstWins ? 0 : 1), { voterHash: `voter-${index % 9}` }));
  }
  return { comparisons, votes };
}
const boardOf = (parts: ReturnType<typeof pairing>[]) =>
  buildLeaderboard(
    parts.flatMap((part) => part.votes),
    parts.flatMap((part) => part.comparisons),
  );

// best-of-n far above cot and plain; cot and plain close together, so their intervals overlap.
const board = boardOf([
  pairing('best-of-n', 'cot', 120, 110),
  pairing('best-of-n', 'plain', 120, 110),
  pairing('cot', 'plain', 120, 64),
]);
const spreadOf = (id: string) => board.rows.find((row) => row.pipelineId === id)!.rankSpread;

describe('rank spread', () => {
  it('counts the ranks an interval allows the way Arena does', () => {
    // Separated: each has one rank. Overlapping: 2 and 3 share ranks 2–3, and a wide one spans all.
    expect(
      rankSpreads([
        { lower: 10, upper: 12 },
        { lower: 5, upper: 8 },
        { lower: 0, upper: 3 },
      ]),
    ).toEqual([
      { best: 1, worst: 1 },
      { best: 2, worst: 2 },
      { best: 3, worst: 3 },
    ]);
    expect(
      rankSpreads([
        { lower: 10, upper: 12 },
        { lower: 4, upper: 8 },
        { lower: 2, upper: 6 },
        { lower: 0, upper: 11 },
      ]),
    ).toEqual([
      { best: 1, worst: 2 },
      { best: 2, worst: 4 },
      { best: 2, worst: 4 },
      { best: 1, worst: 4 },
    ]);
    // An upper bound touching the lower bound counts as overlapping.
    expect(
      rankSpreads([
        { lower: 5, upper: 9 },
        { lower: 1, upper: 5 },
      ]),
    ).toEqual([
      { best: 1, worst: 2 },
      { best: 1, worst: 2 },
    ]);
  });

  it('gives a clear leader one rank and two close rows a shared 2–3 on a counted board', () => {
    expect(board.rows.map((row) => row.pipelineId)).toEqual(['best-of-n', 'cot', 'plain']);
    expect(spreadOf('best-of-n')).toEqual({ best: 1, worst: 1 });
    expect(spreadOf('cot')).toEqual({ best: 2, worst: 3 });
    expect(spreadOf('plain')).toEqual({ best: 2, worst: 3 });
  });

  it('shows the spread in the Discord table, leaderboard.json, the page and the ratings chart', () => {
    const message = renderLeaderboard(board, { scope: 'global', guildId: null });
    const lines = message.content.split('\n');
    expect(lines.find((line) => line.includes(' best-of-n '))).toMatch(/^\s*1 best-of-n /);
    expect(lines.find((line) => line.includes(' cot '))).toMatch(/^\s*2–3 cot /);
    expect(message.content).toContain('# = ranks the CIs allow');
    const json = JSON.parse(message.files.at(-1)!.attachment.toString('utf8')) as {
      rows: { pipeline: string; rankSpread: number[] }[];
    };
    expect(json.rows.map((row) => [row.pipeline, row.rankSpread])).toEqual([
      ['best-of-n', [1, 1]],
      ['cot', [2, 3]],
      ['plain', [2, 3]],
    ]);
    const page = renderLeaderboardPage(
      {
        board,
        charts: { ratings: null, matrix: null },
        chartWidths: { ratings: 10, matrix: 10 },
        builtAt: new Date('2026-12-01T00:00:00Z'),
      },
      [],
    );
    expect(page).toMatch(/<tr><td>2–3<\/td><td>cot<\/td>/);
    expect(ratingsChart(board)).toMatchObject({
      encoding: { y: { sort: ['best-of-n  #1', 'cot  #2–3', 'plain  #2–3'] } },
    });
  });
});
