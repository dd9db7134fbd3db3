// Pipeline versions and matched-model comparisons: a changed pipeline gets its own row unless pooled, and the
// leaderboard can be restricted to comparisons whose answers all came from one model with the same parameters.
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { matchedModels } from '../../src/ratings/matched-models.ts';
import { aVote, ballotWith, pick } from '../fixtures/vote-builders.ts';

describe('pipeline versions', () => {
  const ballots = [
    ballotWith('old', ['plain', 'cot'], [{ version: 'aaaa1111bbbb' }, { version: '3f2a0000cccc' }]),
    ballotWith('new', ['plain', 'cot'], [{ version: 'aaaa1111bbbb' }, { version: '9e8d0000dddd' }]),
  ];
  const votes = [aVote('old', pick(1)), aVote('new', pick(0))];

  it('gives a pipeline whose version changed a row per version, named by its hash', () => {
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10 });
    expect(board.rows.map((row) => row.pipelineId).sort()).toEqual(['cot@3f2a0000', 'cot@9e8d0000', 'plain']);
    expect(board.rows.find((row) => row.pipelineId === 'cot@3f2a0000')).toMatchObject({ votes: 1, wins: 1, losses: 0 });
    expect(board.rows.find((row) => row.pipelineId === 'cot@9e8d0000')).toMatchObject({ votes: 1, wins: 0, losses: 1 });
    expect(board.anchor).toBe('plain');
  });

  it('pools every version under the bare name when asked', () => {
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10, versions: 'pool' });
    expect(board.rows.map((row) => row.pipelineId).sort()).toEqual(['cot', 'plain']);
    expect(board.rows.find((row) => row.pipelineId === 'cot')).toMatchObject({ votes: 2, wins: 1, losses: 1 });
  });

  it('keeps the anchor when plain itself changed, on its most-voted version', () => {
    const changed = [
      ballotWith('p1', ['plain', 'cot'], [{ version: 'aaaa1111' }]),
      ballotWith('p2', ['plain', 'cot'], [{ version: 'aaaa1111' }]),
      ballotWith('p3', ['plain', 'cot'], [{ version: 'bbbb2222' }]),
    ];
    const board = buildLeaderboard(
      ['p1', 'p2', 'p3'].map((id) => aVote(id, pick(1))),
      changed,
      { bootstrapRounds: 10 },
    );
    expect(board.anchor).toBe('plain@aaaa1111');
    expect(board.rows.find((row) => row.pipelineId === 'plain@aaaa1111')!.rating).toBe(1000);
  });
});

describe('matched-model comparisons', () => {
  it('calls a comparison matched only when every finished answer had the same model and parameters', () => {
    expect(matchedModels(ballotWith('m', ['plain', 'cot'], [{}, {}]))).toBe(true);
    expect(matchedModels(ballotWith('m', ['plain', 'cot'], [{}, { model: 'model-b' }]))).toBe(false);
    expect(matchedModels(ballotWith('m', ['plain', 'cot'], [{}, { params: { temperature: 0 } }]))).toBe(false);
  });

  it('leaves out comparisons that mix models when restricted to matched ones, and counts them', () => {
    const ballots = [
      ballotWith('same', ['plain', 'cot'], [{}, {}]),
      ballotWith('mixed', ['plain', 'cot'], [{}, { model: 'model-b' }]),
    ];
    const votes = [aVote('same', pick(1)), aVote('mixed', pick(0))];
    const board = buildLeaderboard(votes, ballots, { bootstrapRounds: 10, matchedOnly: true });
    expect(board.counts).toMatchObject({ given: 2, unmatched: 1, rated: 1 });
    expect(board.rows.find((row) => row.pipelineId === 'cot')).toMatchObject({ wins: 1, losses: 0 });
    expect(buildLeaderboard(votes, ballots, { bootstrapRounds: 10 }).counts.unmatched).toBe(0);
  });
});
