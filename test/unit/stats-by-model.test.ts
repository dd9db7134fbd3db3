// Techniques crossed with models: the leaderboard by (technique, model) cell, and techniques ranked within one
// model, where only answers by that model take part (in a comparison across models, only pairs of them count).
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { rowKey, rowNames } from '../../src/ratings/row-keys.ts';
import { createVoteCounter } from '../../src/ratings/select-counted-votes.ts';
import { aVote, ballotWith, pick, tie } from '../fixtures/vote-builders.ts';

/** plain and cot, each on model m1 and m2 (a /compare models:m1,m2); a version per pipeline and model, as real runs have. */
function factorial(
  id: string,
  order: Array<[pipeline: string, model: string]> = [
    ['plain', 'm1'],
    ['cot', 'm1'],
    ['plain', 'm2'],
    ['cot', 'm2'],
  ],
): Ballot {
  return ballotWith(
    id,
    order.map(([pipeline]) => pipeline),
    order.map(([pipeline, model]) => ({ model, version: `${pipeline}-${model}-version` })),
  );
}

const rowsOf = (board: ReturnType<typeof buildLeaderboard>) =>
  Object.fromEntries(
    board.rows.map((row) => [
      row.pipelineId,
      { technique: row.technique, model: row.model, wins: row.wins, losses: row.losses, ties: row.ties },
    ]),
  );

describe('rows by model', () => {
  it('makes each (technique, model) cell a row, named “technique · model”, with every pair of cells compared', () => {
    const board = buildLeaderboard([aVote('f', pick(3))], [factorial('f')], { bootstrapRounds: 10, byModel: true });
    expect(rowsOf(board)).toEqual({
      'cot · m2': { technique: 'cot', model: 'm2', wins: 3, losses: 0, ties: 0 },
      'plain · m1': { technique: 'plain', model: 'm1', wins: 0, losses: 1, ties: 0 },
      'cot · m1': { technique: 'cot', model: 'm1', wins: 0, losses: 1, ties: 0 },
      'plain · m2': { technique: 'plain', model: 'm2', wins: 0, losses: 1, ties: 0 },
    });
    expect(board.settings).toMatchObject({ byModel: true, model: null });
  });

  it('tells versions apart within a cell only, and pins the most-voted plain cell at 1000', () => {
    const edited = ballotWith(
      'g',
      ['plain', 'cot'],
      [
        { model: 'm1', version: 'plain-m1-version' },
        { model: 'm1', version: 'cot-edited' },
      ],
    );
    const board = buildLeaderboard(
      [aVote('f', pick(0)), aVote('f', pick(0), { voterHash: 'voter-2' }), aVote('g', pick(1))],
      [factorial('f'), edited],
      { bootstrapRounds: 10, byModel: true },
    );
    expect(board.rows.map((row) => row.pipelineId).sort()).toEqual([
      'cot · m2',
      'cot@cot-edit · m1',
      'cot@cot-m1-v · m1',
      'plain · m1',
      'plain · m2',
    ]);
    expect(board.anchor).toBe('plain · m1');
    expect(board.rows.find((row) => row.pipelineId === 'plain · m1')?.rating).toBe(1000);
  });

  it('names a cell whose drafting model was not recorded', () => {
    const names = rowNames([
      rowKey({ pipelineId: 'cot', version: null, model: null }, { versions: 'split', byModel: true }),
    ]);
    expect([...names.values()]).toEqual([
      { label: 'cot · unknown model', pipelineId: 'cot', model: 'unknown model', version: null },
    ]);
  });
});

describe('ranking within one model', () => {
  it('lets only pairs of answers by that model yield outcomes: a pick of another model’s answer gives none', () => {
    const ballots = [factorial('f1'), factorial('f2')];
    const votes = [aVote('f1', pick(1)), aVote('f2', pick(3))]; // cot on m1, then cot on m2
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10, model: 'm1' });
    expect(rowsOf(board)).toEqual({
      cot: { technique: 'cot', model: null, wins: 1, losses: 0, ties: 0 },
      plain: { technique: 'plain', model: null, wins: 0, losses: 1, ties: 0 },
    });
    expect(board.counts).toMatchObject({ given: 2, rated: 1, withoutOutcomes: 1, otherModel: 0 });
    expect(board.settings.model).toBe('m1');
  });

  it('shares a tie among that model’s answers as if only they had been shown (weight 1 for two answers)', () => {
    const counter = createVoteCounter({
      excludeTies: false,
      includeAfterReveal: false,
      includeLeaked: false,
      includeOverCap: false,
      includeEarly: false,
      versions: 'pool',
      matchedOnly: false,
      byModel: false,
      model: 'm2',
      category: null,
    });
    counter.add({ vote: aVote('f', tie), ballot: factorial('f') });
    expect(counter.result().counted.map((entry) => entry.outcomes)).toEqual([
      [{ first: 'plain', second: 'cot', score: 0.5, weight: 1 }],
    ]);
  });

  it('leaves out, and counts, comparisons with fewer than two answers by that model', () => {
    const ballots = [
      factorial('f'),
      ballotWith('other', ['plain', 'cot'], [{ model: 'm2' }, { model: 'm2' }]),
      ballotWith('one', ['plain', 'cot'], [{ model: 'm1' }, { model: 'm2' }]),
    ];
    const votes = ['f', 'other', 'one'].map((id) => aVote(id, pick(0)));
    expect(buildLeaderboard(votes, ballots, { bootstrapRounds: 10, model: 'm1' }).counts).toMatchObject({
      given: 3,
      otherModel: 2,
      rated: 1,
    });
  });

  it('judges matched-only on the answers counted: a comparison across models is matched within one model', () => {
    const votes = [aVote('f', pick(1))];
    expect(buildLeaderboard(votes, [factorial('f')], { bootstrapRounds: 10, matchedOnly: true }).counts).toMatchObject({
      unmatched: 1,
      rated: 0,
    });
    expect(
      buildLeaderboard(votes, [factorial('f')], { bootstrapRounds: 10, matchedOnly: true, model: 'm1' }).counts,
    ).toMatchObject({ unmatched: 0, rated: 1 });
    const hotter = ballotWith(
      'h',
      ['plain', 'cot', 'plain'],
      [{ model: 'm1' }, { model: 'm1', params: { temperature: 0 } }, { model: 'm2' }],
    );
    expect(
      buildLeaderboard([aVote('h', pick(0))], [hotter], { bootstrapRounds: 10, matchedOnly: true, model: 'm1' }).counts,
    ).toMatchObject({ unmatched: 1 });
  });

  it('keeps reason tags only for a pick that counts', () => {
    const votes = [aVote('f1', pick(1), { tags: ['clear'] }), aVote('f2', pick(3), { tags: ['wrong'] })];
    const board = buildLeaderboard(votes, [factorial('f1'), factorial('f2')], { bootstrapRounds: 10, model: 'm1' });
    expect(board.rows.find((row) => row.pipelineId === 'cot')?.reasonTags).toEqual([{ tag: 'clear', count: 1 }]);
  });
});
