// What /leaderboard shows: the ranked table within Discord's limits, provisional marks with their legend,
// the head-to-head matrix, the position-bias verdict in plain words, and a friendly empty state.
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import {
  EMPTY_LEADERBOARD,
  renderLeaderboard,
  type LeaderboardMessage,
} from '../../src/render/discord/leaderboard/leaderboard-message.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_TOTAL_MAX,
  MESSAGE_CONTENT_MAX,
} from '../../src/render/discord/text/discord-limits.ts';
import { biasVerdict, formatP } from '../../src/render/discord/leaderboard/position-bias-text.ts';
import { buildLeaderboard, type LeaderboardOptions } from '../../src/ratings/build-leaderboard.ts';
import { positionBias } from '../../src/ratings/position-bias.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aBallot, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const view = { scope: 'server' as const, guildId: 'guild-1' };

/** `rounds` comparisons over the given pipelines in rotating slot order; `winner(i)` names who wins round i. */
function rounds(pipelines: string[], count: number, winner: (index: number) => string | 'tie' | 'all-bad', voters = 5) {
  const comparisons: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const order = pipelines.map((_, slot) => pipelines[(slot + index) % pipelines.length]!);
    const id = `r${index}`;
    comparisons.push(aBallot({ id, pipelines: order }));
    const won = winner(index);
    const choice = won === 'tie' ? tie : won === 'all-bad' ? allBad : pick(order.indexOf(won));
    votes.push(
      aVote(id, choice, {
        voterHash: `voter-${index % voters}`,
        castAt: new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString(),
      }),
    );
  }
  return { comparisons, votes };
}

function rendered(
  data: { comparisons: Ballot[]; votes: VoteRecord[] },
  options: LeaderboardOptions = {},
): LeaderboardMessage {
  return renderLeaderboard(buildLeaderboard(data.votes, data.comparisons, { bootstrapRounds: 200, ...options }), view);
}

const fences = (text: string) => (text.match(/```/g) ?? []).length;
const tableRow = (message: LeaderboardMessage, pipeline: string) =>
  message.content.split('\n').find((line) => new RegExp(`^\\s*\\d+(–\\d+)? ${pipeline} `).test(line));

/** A position-bias group with these picks per slot letter, one comparison each (every slot answered). */
function biasOf(picks: number[]) {
  const entries = picks.flatMap((count, slot) =>
    Array.from({ length: count }, () => ({ choice: pick(slot), slotCount: picks.length, allOk: true })),
  );
  return positionBias(entries.map((entry, comparison) => ({ ...entry, comparison })))[0]!;
}

describe('leaderboard message', () => {
  it('says how to start when nobody has voted', () => {
    const message = renderLeaderboard(buildLeaderboard([], []), view);
    expect(message.content).toContain(EMPTY_LEADERBOARD);
    expect(message.embeds).toEqual([]);
    expect(message.files).toEqual([]);
  });

  it('explains an empty board when the only votes were cast after a reveal', () => {
    const data = rounds(['plain', 'cot'], 2, () => 'cot');
    const message = renderLeaderboard(
      buildLeaderboard(
        data.votes.map((vote) => ({ ...vote, afterReveal: true })),
        data.comparisons,
      ),
      view,
    );
    expect(message.content).toContain('No vote counts toward a rating yet');
    expect(message.content).toContain('2 cast after a reveal left out');
  });

  it('shows rank, rating, interval, votes and rates per pipeline, with plain as the 1000 anchor', () => {
    const message = rendered(
      rounds(['plain', 'cot', 'rules'], 12, (index) => (index % 4 === 3 ? 'tie' : index % 2 === 0 ? 'cot' : 'rules')),
    );
    expect(tableRow(message, 'plain')).toMatch(/^\s*\d+(–\d+)? plain\s+1000 anchor\s+1000\s+=\s+12\s+0%\s+\d+%\s+0%/);
    expect(tableRow(message, 'cot')).toMatch(
      /^\s*1(–\d)? cot\s+(\d{4}) (\d{3,4})–(\d{4})\s+\d{3,4}\s+[=+−]\d*\s+12\s+\d+%/,
    );
    expect(message.embeds.map((embed) => embed.title)).toEqual([
      'Head-to-head',
      'Style control (what length and markdown alone are worth)',
      'Position bias (slot letters are shuffled, so picks should spread evenly)',
    ]);
    expect(message.embeds[1]?.description).toContain('length (tokens): never differed between paired answers yet');
    expect(message.content).toContain('**12 votes** counted · ties and all-bad votes count half a win for each side');
    expect(message.embeds.at(-1)?.footer?.text).toBe(
      'Ratings: Bradley–Terry fit on the 400-point Elo scale, plain = 1000. 95% CI from the sandwich estimator with the comparison (all its votes) as the cluster: ' +
        "the same votes always give the same board. Rank = the ranks the CIs allow (Arena's rank spread): best = 1 + the pipelines whose whole CI lies above, worst = those whose CI reaches this one's lower end. A pipeline whose file, rules, model or parameters changed has a row per version (name@hash).",
    );
  });

  it('marks thin evidence as provisional, and explains only the marks that occur', () => {
    const thin = rendered(
      rounds(['plain', 'cot'], 4, () => 'cot', 2),
      { minVotes: 10 },
    );
    expect(tableRow(thin, 'cot')).toMatch(/ ocvw?mL$/);
    expect(thin.content).toContain(
      'prov. = provisional, too little evidence yet: o fewer than 30 pairwise outcomes · c fewer than 10 comparisons · v fewer than 3 voters',
    );
    expect(thin.content).toContain('m fewer than 10 votes (min-votes)');
    expect(thin.content).toContain('L never lost: the rating is set by the penalty, not by votes');

    const solid = rendered(rounds(['plain', 'cot'], 400, (index) => (index % 5 < 3 ? 'cot' : 'plain'), 7));
    expect(tableRow(solid, 'cot')).toMatch(/\d+%\s+(>\d+|\d+ \(\d+\.\d%\))$/);
    expect(solid.content).not.toContain('prov. = provisional');
  });

  it('shows head-to-head win shares with – where two pipelines never met', () => {
    const first = rounds(['plain', 'cot'], 4, (index) => (index === 0 ? 'plain' : 'cot'));
    const second = rounds(['rules', 'constitution'], 2, () => 'rules');
    const message = rendered({
      comparisons: [
        ...first.comparisons,
        ...second.comparisons.map((comparison) => ({ ...comparison, id: `x${comparison.id}` })),
      ],
      votes: [...first.votes, ...second.votes.map((vote) => ({ ...vote, comparisonId: `x${vote.comparisonId}` }))],
    });
    const matrix = message.embeds[0]?.description ?? '';
    const line = (pipeline: string) => matrix.split('\n').find((text) => text.includes(` ${pipeline}`)) ?? '';
    const order = ['1', '2', '3', '4'].map(
      (number) =>
        matrix
          .split('\n')
          .find((text) => text.startsWith(` ${number} `))
          ?.slice(3)
          .trim()
          .split(/\s+/)[0],
    );
    const cell = (row: string, column: string) => line(row).trim().split(/\s+/).slice(2)[order.indexOf(column)];
    expect(cell('cot', 'plain')).toBe('75%');
    expect(cell('plain', 'cot')).toBe('25%');
    expect(cell('cot', 'rules')).toBe('–');
    expect(cell('cot', 'cot')).toBe('·');
    expect(matrix).toContain('ties excluded');
  });

  it('shows cost per answer, cost per win and median latency when prices are known, and leaves them out when not', () => {
    const data = rounds(['plain', 'best-of-n'], 40, (index) => (index % 4 === 0 ? 'plain' : 'best-of-n'));
    const unpriced = rendered(data);
    expect(unpriced.content).not.toContain('$/win');
    // best-of-n answers cost $0.004 in 4 s, plain ones $0.001 in 1 s.
    for (const ballot of data.comparisons) {
      for (const slot of ballot.slots) {
        const best = slot.pipelineId === 'best-of-n';
        slot.totals = {
          calls: best ? 4 : 1,
          tokensIn: 1,
          tokensOut: 1,
          costUsd: best ? 0.004 : 0.001,
          latencyMs: best ? 4000 : 1000,
        };
      }
    }
    const priced = rendered(data);
    expect(priced.content).toContain('$/win');
    expect(priced.content).toContain('$/ans = mean cost of one answer');
    // best-of-n was shown in 40 rated votes and picked in 30: 40 × $0.004 / 30.
    expect(tableRow(priced, 'best-of-n')).toMatch(/\$0\.004\s+\$0\.0053\s+4\.0s/);
    expect(tableRow(priced, 'plain')).toMatch(/\$0\.001\s+\$0\.004\s+1\.0s/);
    const board = JSON.parse(priced.files[0]!.attachment.toString('utf8')) as {
      rows: Array<{ pipeline: string; cost: { costPerWinUsd: number } }>;
    };
    expect(board.rows.find((row) => row.pipeline === 'best-of-n')!.cost.costPerWinUsd).toBeCloseTo(0.16 / 30, 10);
  });

  it('stays within Discord limits with many long-named pipelines, and says where the rest are', () => {
    const pipelines = Array.from({ length: 60 }, (_, index) => `a-rather-long-pipeline-name-${index}`);
    const data = rounds(pipelines.slice(0, 4), 1, () => 'all-bad');
    for (let index = 0; index < 60; index += 1) {
      const pair = [pipelines[index]!, pipelines[(index + 1) % 60]!];
      data.comparisons.push(aBallot({ id: `p${index}`, pipelines: pair }));
      data.votes.push(aVote(`p${index}`, pick(index % 2)));
    }
    const message = rendered(data, { bootstrapRounds: 20 });
    expect(message.content.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
    expect(fences(message.content) % 2).toBe(0);
    expect(message.content).toMatch(/… \d+ more pipelines in leaderboard\.json/);
    const shownIds = message.content
      .split('\n')
      .filter((line) => line.includes('a-rathe…'))
      .map((line) => line.trim().split(/\s+/)[1]);
    expect(shownIds.length).toBeGreaterThan(10);
    expect(new Set(shownIds).size).toBe(shownIds.length); // cut in the middle, so the numbers still tell them apart
    const total = message.embeds.reduce(
      (sum, embed) =>
        sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0),
      0,
    );
    expect(total).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
    for (const embed of message.embeds)
      expect((embed.description ?? '').length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(message.embeds[0]?.description).toContain('52 more pipelines in leaderboard.json');
    const board = JSON.parse(message.files[0]!.attachment.toString('utf8')) as { rows: unknown[] };
    expect(board.rows).toHaveLength(60);
  });

  it('gives the same message and file for the same votes in any order', () => {
    const data = rounds(
      ['plain', 'cot', 'rules', 'constitution'],
      40,
      (index) => ['cot', 'rules', 'tie', 'plain', 'all-bad'][index % 5]!,
    );
    const once = rendered(data);
    const again = rendered({ comparisons: [...data.comparisons].reverse(), votes: [...data.votes].reverse() });
    expect(again.content).toBe(once.content);
    expect(again.embeds).toEqual(once.embeds);
    expect(again.files[0]?.attachment.equals(once.files[0]!.attachment)).toBe(true);
  });

  it('writes leaderboard.json rows with the documented stable fields first', () => {
    const message = rendered(rounds(['plain', 'cot', 'rules'], 12, (index) => (index % 3 === 0 ? 'rules' : 'cot')));
    const board = JSON.parse(message.files[0]!.attachment.toString('utf8')) as {
      format: string;
      rows: Record<string, unknown>[];
    };
    expect(board.format).toBe('dialog-lab-leaderboard/1');
    const cot = board.rows.find((row) => row.pipeline === 'cot')!;
    expect(Object.keys(cot).slice(0, 6)).toEqual([
      'pipeline',
      'rating',
      'ci',
      'votes',
      'provisional',
      'styleControlled',
    ]);
    expect(cot).toMatchObject({
      votes: 12,
      provisional: true,
      ci: [expect.any(Number), expect.any(Number)],
      styleControlled: { rating: expect.any(Number), ci: [expect.any(Number), expect.any(Number)] },
    });
    expect(cot.ci).toEqual([...(cot.ci as number[])].sort((left, right) => left - right));
  });

  it('centres ratings on 1000 and says so when there is no plain pipeline', () => {
    const message = rendered(rounds(['cot', 'rules'], 6, () => 'cot'));
    expect(message.embeds.at(-1)?.footer?.text).toContain('mean = 1000 (no plain pipeline)');
    expect(message.content).not.toContain('anchor');
  });
});

describe('position-bias verdict', () => {
  it('finds no sign of bias when picks spread evenly', () => {
    expect(biasVerdict(biasOf([10, 12, 9, 11]))).toMatch(/^no sign of position bias \(p = 0\.\d\d\)$/);
  });

  it('warns when slot A wins more than chance, naming the likely causes', () => {
    expect(biasVerdict(biasOf([30, 8, 6, 6]))).toBe(
      '⚠️ slot A is picked more than chance (p < 0.001): check the shuffle or voters picking the first answer',
    );
  });

  it('names the favoured slot when it is not the first', () => {
    expect(biasVerdict(biasOf([8, 8, 24, 8]))).toMatch(
      /^⚠️ slot C is picked more than chance \(p = 0\.00\d\): check the shuffle or voters favouring one position$/,
    );
  });

  it('does not judge from a handful of votes', () => {
    expect(biasVerdict(biasOf([3, 0, 1, 0]))).toMatch(
      /^too few comparisons to judge yet \(p = 0\.\d+; needs about 20\)$/,
    );
  });

  it('shows picks per letter, χ² and degrees of freedom in the message', () => {
    const data = rounds(['plain', 'cot', 'rules', 'constitution'], 40, () => 'cot');
    const description = rendered(data).embeds.at(-1)?.description ?? '';
    expect(description).toBe(
      '40 comparisons, first decisive pick each: A 10 (25%) · B 10 (25%) · C 10 (25%) · D 10 (25%)\nχ² = 0.00, df = 3 → no sign of position bias (p = 1.00)',
    );
  });

  it('writes p-values as people read them', () => {
    expect([formatP(0.4213), formatP(0.0312), formatP(0.0034), formatP(0.00002)]).toEqual([
      'p = 0.42',
      'p = 0.03',
      'p = 0.003',
      'p < 0.001',
    ]);
  });
});
