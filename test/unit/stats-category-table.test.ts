// The technique x category table and /leaderboard category: on a seeded board where cot beats plain on maths
// prompts and loses to it on chit-chat, the table shows the signs with intervals clear of zero, a category with
// too few votes says so instead of giving a number, comparisons without a category count as `other`, and the
// board restricted to one category ranks within it alone.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/base/seeded-random.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { categoryTableLines } from '../../src/render/category-table-text.ts';
import { leaderboardJson } from '../../src/render/leaderboard-json.ts';
import { renderLeaderboard } from '../../src/render/discord/leaderboard/leaderboard-message.ts';
import { EMBED_TOTAL_MAX } from '../../src/render/discord/text/discord-limits.ts';
import { renderLeaderboardPage } from '../../src/web/leaderboard-page.ts';
import { aBallot, aVote, pick } from '../fixtures/vote-builders.ts';
import { boardKey, type LeaderboardRequest } from '../../src/boards/stored-leaderboards.ts';

/** `count` comparisons of plain and cot in `category` (none: stored before categories), two voters each. */
function seed(category: string | null, count: number, cotWins: number, random: () => number) {
  const ballots: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = `${category ?? 'none'}-${String(index).padStart(3, '0')}`;
    const pipelines = index % 2 === 0 ? ['plain', 'cot'] : ['cot', 'plain'];
    const ballot = aBallot({ id, pipelines });
    ballots.push(category === null ? ballot : { ...ballot, category: { id: category, source: 'judge' } });
    for (const voter of ['voter-1', 'voter-2'])
      votes.push(aVote(id, pick(pipelines.indexOf(random() < cotWins ? 'cot' : 'plain')), { voterHash: voter }));
  }
  return { ballots, votes };
}

function seededBoard() {
  const random = seededRandom(7);
  const parts = [
    seed('maths', 80, 0.8, random),
    seed('chit-chat', 80, 0.25, random),
    seed('code', 2, 1, random),
    seed(null, 20, 0.5, random),
  ];
  return { ballots: parts.flatMap((part) => part.ballots), votes: parts.flatMap((part) => part.votes) };
}

describe('the technique x category table', () => {
  const { ballots, votes } = seededBoard();
  const board = buildLeaderboard(votes, ballots);
  const table = board.categoryTable!;
  const cell = (category: string) =>
    table.rows.find((row) => row.technique === 'cot')!.cells.find((entry) => entry.category === category)!;

  it('fits each category apart: cot gains on maths and loses on chit-chat, each interval clear of zero', () => {
    expect(table.baseline).toBe('plain');
    expect(table.rows.map((row) => row.technique)).toEqual(['cot']);
    expect(table.categories.map((column) => column.category)).toEqual(['chit-chat', 'maths', 'code', 'other']);
    const maths = cell('maths');
    expect(maths.votes).toBe(160);
    expect(maths.delta).toBeGreaterThan(100);
    expect(maths.interval!.lower).toBeGreaterThan(0);
    expect(maths.interval!.lower).toBeLessThan(maths.delta!);
    expect(maths.interval!.upper).toBeGreaterThan(maths.delta!);
    const chat = cell('chit-chat');
    expect(chat.delta).toBeLessThan(-100);
    expect(chat.interval!.upper).toBeLessThan(0);
    // Comparisons from before categories count as `other`: about even there.
    expect(cell('other').votes).toBe(40);
    expect(Math.abs(cell('other').delta!)).toBeLessThan(cell('other').interval!.upper - cell('other').interval!.lower);
  });

  it('gives no number where the technique met plain in too few votes, and says how few', () => {
    expect(cell('code')).toEqual({ category: 'code', votes: 4, delta: null, interval: null });
    const [line] = categoryTableLines(table);
    expect(line).toMatch(
      /^cot vs plain: chit-chat −\d+ \[−\d+, −\d+\] · maths \+\d+ \[\+\d+, \+\d+\] · other [−+]?\d+ \[−\d+, \+\d+\]/,
    );
    expect(line).toMatch(/too few votes \(under 10\) against plain: code 4$/);
  });

  it('pools versions and models: one row per technique, whatever rows the board shows', () => {
    // cot answered by two models, in two versions: the board splits it, the table does not.
    const varied = ballots.map((ballot, index) => ({
      ...ballot,
      slots: ballot.slots.map((slot) =>
        slot.pipelineId === 'cot' ? { ...slot, version: `v${index % 2}`, model: `model-${index % 3}` } : slot,
      ),
    }));
    const split = buildLeaderboard(votes, varied, { byModel: true });
    expect(split.rows.filter((row) => row.technique === 'cot').length).toBeGreaterThan(1);
    expect(split.categoryTable).toEqual(table);
  });

  it('is shown in Discord, on the page and in leaderboard.json', () => {
    const message = renderLeaderboard(board, { scope: 'server', guildId: 'guild-1' });
    const embed = message.embeds.find((entry) => entry.title?.startsWith('Where each technique helps'));
    const embedChars = message.embeds.reduce(
      (total, entry) =>
        total + (entry.title?.length ?? 0) + (entry.description?.length ?? 0) + (entry.footer?.text.length ?? 0),
      0,
    );
    expect(embedChars).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    expect(message.embeds.map((entry) => entry.title?.split(' (')[0])).toEqual([
      'Head-to-head',
      'Style control',
      'Where each technique helps',
      'Position bias',
    ]);
    expect(embed?.description).toMatch(/cot vs plain: chit-chat \*\*−\d+ \[−\d+, −\d+\]\*\* · maths \*\*\+\d+/);
    const page = renderLeaderboardPage(
      {
        board,
        charts: { ratings: null, matrix: null },
        chartWidths: { ratings: 10, matrix: 10 },
        builtAt: new Date('2026-12-01T00:00:00Z'),
        categories: ['maths', 'chit-chat', 'code', 'other'],
      },
      [],
    );
    expect(page).toMatch(/<table id="categories">.*<td>cot vs plain<\/td><td><b>−\d+ \[−\d+, −\d+\]<\/b><\/td>/);
    expect(page).toContain('<td class="thin">4 votes</td>');
    expect(page).toContain('Sprague et al. 2024');
    const json = JSON.parse(leaderboardJson(board, { scope: 'server', guildId: 'guild-1' })) as {
      category: string | null;
      categoryTable: typeof table;
    };
    expect(json.category).toBeNull();
    expect(json.categoryTable.rows[0]!.cells.find((entry) => entry.category === 'maths')!.delta).toBe(
      cell('maths').delta,
    );
  });
});

describe('a leaderboard within one category', () => {
  const { ballots, votes } = seededBoard();

  it('counts only that category’s comparisons, says which, and what it left out', () => {
    const maths = buildLeaderboard(votes, ballots, { category: 'maths' });
    expect(maths.rows.map((row) => row.pipelineId)).toEqual(['cot', 'plain']);
    expect(maths.settings.category).toBe('maths');
    expect(maths.counts.otherCategory).toBe(votes.length - 160);
    expect(maths.counts.rated).toBe(160);
    const chat = buildLeaderboard(votes, ballots, { category: 'chit-chat' });
    expect(chat.rows.map((row) => row.pipelineId)).toEqual(['plain', 'cot']);
    // The table is fitted from the board's own votes: within one category, that column alone (not shown then).
    expect(chat.categoryTable!.categories).toEqual([{ category: 'chit-chat', votes: 160 }]);
    expect(chat.categoryTable!.rows[0]!.cells[0]).toEqual(
      buildLeaderboard(votes, ballots).categoryTable!.rows[0]!.cells.find((cell) => cell.category === 'chit-chat'),
    );
    expect(
      renderLeaderboard(chat, { scope: 'server', guildId: null }).embeds.map((embed) => embed.title),
    ).not.toContain('Where each technique helps (vs plain, by prompt category)');
    const message = renderLeaderboard(chat, { scope: 'server', guildId: 'guild-1' });
    expect(message.content).toContain('· category `chit-chat`');
    expect(message.content).toMatch(/\d+ on prompts of other categories left out \(category `chit-chat`\)/);
    expect(JSON.parse(leaderboardJson(chat, { scope: 'server', guildId: null })).category).toBe('chit-chat');
  });

  it('is stored under a board key of its own', () => {
    const key = (options: LeaderboardRequest['options']) => boardKey({ guildId: 'guild-1', options });
    expect(key({ category: 'maths' })).not.toBe(key({}));
    expect(key({ category: 'maths' })).not.toBe(key({ category: 'code' }));
    expect(key({ category: null })).toBe(key({}));
  });

  it('puts comparisons stored before categories under other', () => {
    const other = buildLeaderboard(votes, ballots, { category: 'other' });
    expect(other.counts.rated).toBe(40);
  });
});
