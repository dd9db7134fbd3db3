// The leaderboard a server sees: Bradley-Terry ratings on the Elo scale with bootstrap intervals, and the
// evidence behind them. Numbers are checked against hand-worked values, not against the code itself.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { seededRandom } from '../../src/base/seeded-random.ts';
import { voteOutcomes } from '../../src/ratings/vote-outcomes.ts';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aBallot, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

/** Two-slot comparisons plain vs cot; `choices[i]` is the vote on comparison i. */
function headToHead(choices: ReturnType<typeof pick>[], prefix = 'h') {
  const comparisons = choices.map((_, index) => aBallot({ id: `${prefix}${index}`, pipelines: ['plain', 'cot'] }));
  const votes = choices.map((choice, index) => aVote(`${prefix}${index}`, choice, { voterHash: `voter-${index % 5}` }));
  return { comparisons, votes };
}

/** A seeded arena: 4-slot comparisons over five pipelines, picks drawn from fixed strengths. */
function arena(comparisonCount: number, seed: number, strengths: Record<string, number>) {
  const random = seededRandom(seed);
  const ids = Object.keys(strengths);
  const comparisons: Ballot[] = [];
  const votes: VoteRecord[] = [];
  for (let index = 0; index < comparisonCount; index += 1) {
    const pipelines = [...ids].sort(() => random() - 0.5).slice(0, 4);
    const id = `a${seed}-${index}`;
    comparisons.push(aBallot({ id, pipelines }));
    const roll = random();
    const weights = pipelines.map((pipeline) => Math.exp(strengths[pipeline]!));
    let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
    const slot = Math.max(
      0,
      weights.findIndex((weight) => (target -= weight) < 0),
    );
    const choice = roll < 0.1 ? tie : roll < 0.15 ? allBad : pick(slot);
    votes.push(
      aVote(id, choice, {
        voterHash: `voter-${Math.floor(random() * 12)}`,
        castAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
      }),
    );
  }
  return { comparisons, votes };
}

const rowOf = (board: ReturnType<typeof buildLeaderboard>, pipelineId: string) =>
  board.rows.find((row) => row.pipelineId === pipelineId)!;

describe('leaderboard ratings', () => {
  it('rates 3 wins to 1 loss about 400·log10(3) above the plain anchor, a little less for the penalty', () => {
    // ℓ(d) = 3·ln σ(d) + ln σ(−d) − 0.01·d²/2 for θ = ±d/2, so 3 − 4σ(d) = 0.01·d: d = 1.08421,
    // i.e. 188.35 rating points instead of the unpenalised 400·log10(3) = 190.85.
    const { comparisons, votes } = headToHead([pick(1), pick(1), pick(1), pick(0)]);
    const board = buildLeaderboard(votes, comparisons);
    expect(board.anchor).toBe('plain');
    expect(rowOf(board, 'plain').rating).toBe(1000);
    expect(rowOf(board, 'cot').rating).toBeCloseTo(1188.35, 1);
    expect(rowOf(board, 'cot').winRate).toBe(0.75);
  });

  it('centres ratings on a mean of 1000 when there is no plain pipeline', () => {
    const comparisons = [aBallot({ id: 'x', pipelines: ['cot', 'rules'] })];
    const board = buildLeaderboard([aVote('x', pick(0))], comparisons);
    expect(board.anchor).toBeNull();
    expect(rowOf(board, 'cot').rating + rowOf(board, 'rules').rating).toBeCloseTo(2000, 9);
    expect(rowOf(board, 'cot').rating).toBeGreaterThan(1000);
  });

  it('gives the same leaderboard whatever order votes and comparisons arrive in', () => {
    const { comparisons, votes } = arena(80, 1, {
      plain: 0,
      cot: 0.4,
      rules: -0.3,
      constitution: 0.2,
      'best-of-n': 0.6,
    });
    const random = seededRandom(9);
    const shuffled = votes
      .map((vote) => ({ vote, key: random() }))
      .sort((left, right) => left.key - right.key)
      .map(({ vote }) => vote);
    expect(shuffled).not.toEqual(votes);
    const asMap = new Map([...comparisons].reverse().map((comparison) => [comparison.id, comparison]));
    expect(buildLeaderboard(shuffled, asMap)).toEqual(buildLeaderboard(votes, comparisons));
  });

  it('ranks a pipeline that wins most of its comparisons first, clear of the rest', () => {
    const { comparisons, votes } = arena(300, 2, { plain: 0, cot: 0, rules: 0, constitution: 0, 'best-of-n': 2.5 });
    const board = buildLeaderboard(votes, comparisons);
    expect(board.rows[0]).toMatchObject({ pipelineId: 'best-of-n', rank: 1 });
    expect(board.rows.slice(1).every((row) => row.rank > 1)).toBe(true);
  });

  it('narrows the intervals as votes accumulate', () => {
    const strengths = { plain: 0, cot: 0.4, rules: -0.3, constitution: 0.2, 'best-of-n': 0.6 };
    const few = arena(60, 3, strengths);
    const many = arena(600, 3, strengths);
    const width = (data: typeof few, id: string) => {
      const { interval } = rowOf(buildLeaderboard(data.votes, data.comparisons), id);
      return interval.upper - interval.lower;
    };
    for (const id of ['cot', 'rules', 'best-of-n']) expect(width(many, id)).toBeLessThan(width(few, id) / 2);
  });

  it('keeps the rating inside its interval and pins the anchor interval at 1000', () => {
    const { comparisons, votes } = arena(200, 4, {
      plain: 0,
      cot: 0.4,
      rules: -0.3,
      constitution: 0.2,
      'best-of-n': 0.6,
    });
    const board = buildLeaderboard(votes, comparisons);
    for (const row of board.rows) {
      expect(row.interval.lower).toBeLessThanOrEqual(row.rating + 1e-9);
      expect(row.interval.upper).toBeGreaterThanOrEqual(row.rating - 1e-9);
    }
    expect(rowOf(board, 'plain').interval).toEqual({ lower: 1000, upper: 1000 });
  });

  it('finds the intervals by the sandwich by default (symmetric, one pass), close to the bootstrap asked for with intervals: bootstrap', () => {
    const { comparisons, votes } = arena(300, 7, {
      plain: 0,
      cot: 0.4,
      rules: -0.3,
      constitution: 0.2,
      'best-of-n': 0.6,
    });
    const sandwich = buildLeaderboard(votes, comparisons);
    const bootstrap = buildLeaderboard(votes, comparisons, { intervals: 'bootstrap' });
    expect(sandwich.settings.intervals).toBe('sandwich');
    expect(bootstrap.settings.intervals).toBe('bootstrap');
    for (const row of sandwich.rows.filter((entry) => entry.pipelineId !== 'plain')) {
      const width = row.interval.upper - row.interval.lower;
      expect(row.interval.upper - row.rating).toBeCloseTo(row.rating - row.interval.lower, 6);
      const bootstrapped = rowOf(bootstrap, row.pipelineId).interval;
      expect(Math.abs(width - (bootstrapped.upper - bootstrapped.lower)) / width).toBeLessThan(0.15);
    }
    expect(rowOf(sandwich, 'plain').interval).toEqual({ lower: 1000, upper: 1000 });
  });

  it('gives the same intervals for the same seed and different ones for another seed', () => {
    const { comparisons, votes } = arena(100, 5, {
      plain: 0,
      cot: 0.4,
      rules: -0.3,
      constitution: 0.2,
      'best-of-n': 0.6,
    });
    const first = buildLeaderboard(votes, comparisons, { intervals: 'bootstrap', seed: 1 });
    expect(buildLeaderboard(votes, comparisons, { intervals: 'bootstrap', seed: 1 }).rows).toEqual(first.rows);
    expect(
      rowOf(buildLeaderboard(votes, comparisons, { intervals: 'bootstrap', seed: 2 }), 'cot').interval,
    ).not.toEqual(rowOf(first, 'cot').interval);
  });
});

describe('what a vote counts for', () => {
  it('counts a tie as half a win for each side', () => {
    const wins = headToHead([pick(1), pick(1), pick(1), pick(0)], 'w');
    const ties = headToHead([pick(1), pick(1), tie, tie], 't');
    expect(rowOf(buildLeaderboard(ties.votes, ties.comparisons), 'cot').rating).toBeCloseTo(
      rowOf(buildLeaderboard(wins.votes, wins.comparisons), 'cot').rating,
      9,
    );
    expect(rowOf(buildLeaderboard(ties.votes, ties.comparisons), 'cot')).toMatchObject({
      wins: 2,
      losses: 0,
      ties: 2,
      tieRate: 0.5,
      winRate: 1,
    });
  });

  it('gives a tie among four answers the same total weight as a pick', () => {
    const comparison = aBallot({ id: 'four', pipelines: ['plain', 'cot', 'rules', 'constitution'] });
    const tieOutcomes = voteOutcomes(tie, comparison);
    const pickOutcomes = voteOutcomes(pick(2), comparison);
    expect(tieOutcomes).toHaveLength(6);
    expect(pickOutcomes).toHaveLength(3);
    expect(tieOutcomes.reduce((sum, outcome) => sum + outcome.weight, 0)).toBeCloseTo(3, 12);
    expect(pickOutcomes.every((outcome) => outcome.first === 'rules' && outcome.score === 1)).toBe(true);
  });

  it('reports all-bad votes in the all-bad rate without making anyone a winner', () => {
    const comparisons = ['b1', 'b2'].map((id) => aBallot({ id, pipelines: ['plain', 'cot', 'rules'] }));
    const votes = [aVote('b1', allBad), aVote('b2', pick(1))];
    const board = buildLeaderboard(votes, comparisons);
    expect(rowOf(board, 'plain')).toMatchObject({
      votes: 2,
      allBadVotes: 1,
      allBadRate: 0.5,
      wins: 0,
      losses: 1,
      ties: 2,
    });
    expect(rowOf(board, 'rules')).toMatchObject({ wins: 0, allBadRate: 0.5 });
    expect(rowOf(board, 'cot')).toMatchObject({ wins: 2, winRate: 1 });
  });

  it('can leave ties and all-bad votes out of the ratings while still reporting the all-bad rate', () => {
    const comparisons = ['e1', 'e2'].map((id) => aBallot({ id, pipelines: ['plain', 'cot'] }));
    const votes = [aVote('e1', allBad), aVote('e2', pick(1))];
    const board = buildLeaderboard(votes, comparisons, { excludeTies: true });
    expect(rowOf(board, 'cot')).toMatchObject({ outcomes: 1, ties: 0, allBadRate: 0.5 });
    expect(board.counts).toMatchObject({ rated: 1, withoutOutcomes: 1 });
  });

  it('leaves out votes cast after a reveal unless asked to include them', () => {
    const { comparisons, votes } = headToHead([pick(1), pick(0), pick(0)]);
    const revealed = votes.map((vote, index) => (index === 0 ? vote : { ...vote, afterReveal: true }));
    const board = buildLeaderboard(revealed, comparisons);
    expect(board.counts.afterReveal).toBe(2);
    expect(rowOf(board, 'cot')).toMatchObject({ wins: 1, losses: 0 });
    expect(rowOf(buildLeaderboard(revealed, comparisons, { includeAfterReveal: true }), 'cot')).toMatchObject({
      wins: 1,
      losses: 2,
    });
  });

  it('leaves a slot whose pipeline failed out of every pair', () => {
    const comparison = aBallot({ id: 'f', pipelines: ['plain', 'cot', 'rules'], statuses: ['ok', 'ok', 'error'] });
    const board = buildLeaderboard([aVote('f', pick(0)), aVote('f', tie, { voterHash: 'voter-2' })], [comparison]);
    expect(board.rows.map((row) => row.pipelineId).sort()).toEqual(['cot', 'plain']);
    expect(rowOf(board, 'plain')).toMatchObject({ outcomes: 2, wins: 1, ties: 1 });
  });

  it('counts nothing from a vote on a comparison where only one pipeline finished', () => {
    const comparison = aBallot({ id: 'one', pipelines: ['plain', 'cot'], statuses: ['ok', 'cancelled'] });
    const board = buildLeaderboard([aVote('one', pick(0))], [comparison]);
    expect(board.rows).toEqual([]);
    expect(board.counts).toMatchObject({ given: 1, withoutOutcomes: 1, rated: 0 });
  });

  it('moves the live rating by K = 4 per decisive outcome from 1000', () => {
    const { comparisons, votes } = headToHead([pick(1)]);
    const board = buildLeaderboard(votes, comparisons);
    expect(rowOf(board, 'cot').liveRating).toBeCloseTo(1002, 12);
    expect(rowOf(board, 'plain').liveRating).toBeCloseTo(998, 12);
  });

  it('marks thin evidence as provisional and says why', () => {
    const { comparisons, votes } = headToHead([pick(1), pick(1), pick(0)]);
    const row = rowOf(buildLeaderboard(votes, comparisons, { minVotes: 5 }), 'cot');
    expect(row.provisional).toBe(true);
    expect(row.provisionalReasons).toEqual(['few-outcomes', 'few-comparisons', 'wide-interval', 'below-min-votes']);
  });

  it('drops the provisional mark once a pipeline has enough outcomes, comparisons and voters', () => {
    const { comparisons, votes } = arena(1500, 6, {
      plain: 0,
      cot: 0.4,
      rules: -0.3,
      constitution: 0.2,
      'best-of-n': 0.6,
    });
    const board = buildLeaderboard(votes, comparisons);
    expect(board.rows.filter((row) => row.provisional)).toEqual([]);
  });

  it('shows head-to-head win fractions without ties, and battle counts with them', () => {
    const comparisons = ['m1', 'm2', 'm3', 'm4'].map((id) => aBallot({ id, pipelines: ['plain', 'cot'] }));
    const votes = [aVote('m1', pick(1)), aVote('m2', pick(1)), aVote('m3', pick(0)), aVote('m4', tie)];
    const { matrix } = buildLeaderboard(votes, comparisons);
    expect(matrix.pipelineIds).toEqual(['cot', 'plain']);
    expect(matrix.winFraction).toEqual([
      [null, 2 / 3],
      [1 / 3, null],
    ]);
    expect(matrix.battles).toEqual([
      [0, 4],
      [4, 0],
    ]);
  });
});
