// Which votes an export records: the date filter, votes after a reveal, majority aggregation with its
// split flag, and a raw dump that holds everything needed to rebuild the leaderboard.
import { describe, expect, it } from 'vitest';
import { exportRaw } from '../../src/export/formats/export-raw.ts';
import { exportTrlDpo } from '../../src/export/formats/export-trl-dpo.ts';
import type { RawLine } from '../../src/export/schemas.ts';
import { UserError } from '../../src/base/user-error.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import type { ExportComparison } from '../../src/export/export-comparison.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { anExportComparison, allBad, aVote, pick, tie } from '../fixtures/vote-builders.ts';

const duel = anExportComparison({ id: 'duel', pipelines: ['plain', 'cot'] });

describe('choosing votes to export', () => {
  it('keeps only votes cast on or after the since date', () => {
    const votes = [
      aVote('duel', pick(0), { voterHash: 'early', castAt: '2026-10-31T23:59:59.000Z' }),
      aVote('duel', pick(1), { voterHash: 'late', castAt: '2026-11-01T00:00:00.000Z' }),
    ];
    const result = exportTrlDpo(votes, [duel], { since: '2026-11-01' });
    expect(result.meta.map((line) => line.voterHash)).toEqual(['late']);
    expect(result.skipped.beforeSince).toBe(1);
  });

  it('refuses a since value that is not a date, saying what it expects', () => {
    expect(() => exportTrlDpo([], [duel], { since: 'last week' })).toThrow(UserError);
    expect(() => exportTrlDpo([], [duel], { since: 'last week' })).toThrow(
      'since must be an ISO date such as 2026-11-01 (got "last week")',
    );
  });

  it('leaves out votes cast after a reveal unless asked to include them', () => {
    const votes = [aVote('duel', pick(0), { afterReveal: true })];
    expect(exportTrlDpo(votes, [duel]).lines).toEqual([]);
    expect(exportTrlDpo(votes, [duel]).skipped.afterReveal).toBe(1);
    expect(exportTrlDpo(votes, [duel], { includeAfterReveal: true }).lines).toHaveLength(1);
  });

  it('counts votes whose comparison is gone instead of failing', () => {
    expect(exportTrlDpo([aVote('vanished', pick(0))], [duel]).skipped.missingComparison).toBe(1);
  });
});

describe('majority aggregation', () => {
  const three = anExportComparison({ id: 'three', pipelines: ['plain', 'cot', 'rules'] });

  it('writes one record set per comparison by the most common pick and flags the disagreement', () => {
    const votes = [
      aVote('three', pick(1), { voterHash: 'a', castAt: '2026-11-02T10:00:00.000Z' }),
      aVote('three', pick(1), { voterHash: 'b', castAt: '2026-11-02T11:00:00.000Z' }),
      aVote('three', pick(0), { voterHash: 'c', castAt: '2026-11-02T12:00:00.000Z' }),
    ];
    const perVote = exportTrlDpo(votes, [three]);
    expect(perVote.lines).toHaveLength(6);
    const majority = exportTrlDpo(votes, [three], { aggregate: 'majority' });
    expect(majority.lines).toHaveLength(2);
    expect(majority.meta[0]).toMatchObject({
      chosenPipelineId: 'cot',
      voterHash: null,
      voterHashes: ['a', 'b'],
      votes: 3,
      agreeing: 2,
      split: true,
      castAt: '2026-11-02T11:00:00.000Z',
    });
  });

  it('does not flag a unanimous comparison as split', () => {
    const votes = [aVote('three', pick(2), { voterHash: 'a' }), aVote('three', pick(2), { voterHash: 'b' })];
    expect(
      exportTrlDpo(votes, [three], { aggregate: 'majority' }).meta.every((line) => !line.split && line.agreeing === 2),
    ).toBe(true);
  });

  it('records nothing for a comparison whose voters are evenly split, and counts it', () => {
    const votes = [aVote('three', pick(0), { voterHash: 'a' }), aVote('three', pick(1), { voterHash: 'b' })];
    const result = exportTrlDpo(votes, [three], { aggregate: 'majority' });
    expect(result.lines).toEqual([]);
    expect(result.skipped.noMajority).toBe(1);
  });

  it('lets a majority of ties win over a lone pick, giving no pair', () => {
    const votes = [
      aVote('three', tie, { voterHash: 'a' }),
      aVote('three', tie, { voterHash: 'b' }),
      aVote('three', pick(0), { voterHash: 'c' }),
    ];
    expect(exportTrlDpo(votes, [three], { aggregate: 'majority' }).lines).toEqual([]);
  });
});

/** Rebuilds votes and comparisons from raw lines alone, as someone with only the file would. */
function fromRaw(lines: RawLine[]): { votes: VoteRecord[]; comparisons: ExportComparison[] } {
  const comparisons = new Map<string, ExportComparison>();
  const votes = lines.map((line) => {
    comparisons.set(line.comparisonId, {
      ...anExportComparison({
        id: line.comparisonId,
        pipelines: line.slots.map((slot) => slot.pipelineId),
        conversation: line.conversation,
        guildId: line.guildId,
        createdAt: line.createdAt,
      }),
      slots: line.slots.map((slot) => ({ ...slot, failure: null, params: null, models: [] })),
      answers: line.slots.map((slot) => slot.answer),
      ...(line.category === null ? {} : { category: line.category }),
    });
    const choice = line.choice.kind === 'pick' ? pick(line.choice.slot) : line.choice;
    return {
      comparisonId: line.comparisonId,
      voterHash: line.voterHash,
      choice,
      castAt: line.castAt,
      afterReveal: line.afterReveal,
      guildId: line.guildId,
    };
  });
  return { votes, comparisons: [...comparisons.values()] };
}

describe('raw export', () => {
  it('holds everything needed to recompute the leaderboard, prompt categories included', () => {
    const maths = { id: 'maths', source: 'judge' } as const;
    const comparisons = [
      anExportComparison({ id: 'r1', pipelines: ['plain', 'cot', 'rules', 'constitution'] }),
      anExportComparison({
        id: 'r2',
        pipelines: ['cot', 'rules', 'plain', 'constitution'],
        statuses: ['ok', 'ok', 'ok', 'error'],
      }),
      { ...anExportComparison({ id: 'r3', pipelines: ['rules', 'plain'] }), category: maths },
    ];
    const votes = [
      aVote('r1', pick(1), { voterHash: 'a' }),
      aVote('r1', tie, { voterHash: 'b' }),
      aVote('r2', pick(0), { voterHash: 'a', castAt: '2026-11-03T09:00:00.000Z' }),
      aVote('r2', allBad, { voterHash: 'c' }),
      aVote('r3', pick(0), { voterHash: 'b', afterReveal: true }),
    ];
    const { lines, meta } = exportRaw(votes, comparisons, { includeAfterReveal: true });
    expect(lines).toHaveLength(5);
    expect(lines.filter((line) => line.category !== null).map((line) => [line.comparisonId, line.category])).toEqual([
      ['r3', maths],
    ]);
    expect(meta.map((line) => line.chosenSlot)).toEqual(['B', null, null, 'A', 'A']); // in order of casting
    const rebuilt = fromRaw(lines);
    for (const options of [{}, { includeAfterReveal: true }]) {
      expect(buildLeaderboard(rebuilt.votes, rebuilt.comparisons, options)).toEqual(
        buildLeaderboard(votes, comparisons, options),
      );
    }
  });

  it('writes one line per vote even when asked for majority aggregation', () => {
    const votes = [aVote('duel', pick(0), { voterHash: 'a' }), aVote('duel', pick(1), { voterHash: 'b' })];
    expect(exportRaw(votes, [duel], { aggregate: 'majority' }).lines.map((line) => line.choice)).toEqual([
      { kind: 'pick', slot: 0, letter: 'A' },
      { kind: 'pick', slot: 1, letter: 'B' },
    ]);
  });
});
