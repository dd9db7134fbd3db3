// What a leaderboard count reads from the store: the cost of each row's answers comes from their traces (mean
// per answer, median latency, cost per win) and follows votes as they change; a store written before count
// records existed (or restored from a backup, which leaves them out) is counted exactly as the votes say.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PipelineResult } from '../../src/engine/trace.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { createLeaderboards } from '../../src/boards/leaderboard-service.ts';
import { ballotOf } from '../../src/records/comparisons/ballot-of.ts';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { createCountRecords } from '../../src/records/counting/count-records.ts';
import { BallotSchema, COMPARISON_NAMESPACES, type Ballot } from '../../src/records/comparisons/stored-records.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import type { Store } from '../../src/store/open-store.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';

/** A result whose trace made `calls` calls of `costUsd` each, taking `latencyMs` in all. */
function costing(pipelineId: string, calls: number, costUsd: number, latencyMs: number): PipelineResult {
  const base = aResult(pipelineId);
  const step = base.trace[0]!;
  const trace = Array.from({ length: calls }, (_, index) => ({
    ...step,
    step: `call-${index}`,
    costUsd,
    latencyMs: latencyMs / calls,
  }));
  return {
    ...base,
    trace,
    totals: { calls, tokensIn: 12 * calls, tokensOut: 3 * calls, costUsd: costUsd * calls, latencyMs },
  };
}

const at = new Date('2026-11-10T10:00:00Z');
const pickOf = (comparisonId: string, voterHash: string, slot: number) => ({
  comparisonId,
  voterHash,
  choice: { kind: 'pick' as const, slot },
  guildId: 'guild-1',
  afterReveal: false,
  at,
});

describe.each(STORE_BACKENDS)('count records on $name', (backend) => {
  const fixture = useStoreFixture(backend);
  const quiet = { warn: () => {}, error: () => {} };

  it('puts each row’s cost per answer, median latency and cost per win from its traces on the board, and follows changed votes', async () => {
    const store = await fixture.open();
    const comparisons = createComparisonStore(store);
    const votes = createVoteLedger(store);
    // plain: one call at $0.001; best-of-n: four calls at $0.001 each. Latencies differ per comparison.
    for (const [index, id] of ['one', 'two', 'three'].entries()) {
      await comparisons.save(aStoredComparison({ id, pipelines: ['plain', 'best-of-n'], status: 'running' }));
      await comparisons.setSlotResult(id, 0, costing('plain', 1, 0.001, 1000 + index * 100));
      await comparisons.setSlotResult(id, 1, costing('best-of-n', 4, 0.001, 4000 + index * 1000));
      await comparisons.finish(id);
    }
    await votes.applyReaction(pickOf('one', 'voter-1', 1), 'add');
    await votes.applyReaction(pickOf('two', 'voter-1', 1), 'add');
    await votes.applyReaction(pickOf('three', 'voter-1', 0), 'add');
    const leaderboards = createLeaderboards({ store, storeOptions: fixture.options(), log: quiet });
    const request = { guildId: null, options: {} };

    const { board } = await leaderboards.get(request);
    const cost = (pipelineId: string) => board.rows.find((row) => row.pipelineId === pipelineId)!.cost;
    expect(cost('best-of-n').answers).toBe(3);
    expect(cost('best-of-n').meanCostUsd).toBeCloseTo(0.004, 10);
    expect(cost('best-of-n').p50LatencyMs).toBe(5000);
    // Three votes showed its $0.004 answer and two picked it: $0.012 spent per two wins.
    expect(cost('best-of-n').costPerWinUsd).toBeCloseTo(0.006, 10);
    expect(cost('plain').meanCostUsd).toBeCloseTo(0.001, 10);
    expect(cost('plain').p50LatencyMs).toBe(1100);
    expect(cost('plain').costPerWinUsd).toBeCloseTo(0.003, 10);

    // The voter on "three" changes to best-of-n: plain is never picked any more, best-of-n three times.
    await votes.applyReaction(pickOf('three', 'voter-1', 1), 'add');
    const changed = await (await leaderboards.get(request)).recount;
    const after = (pipelineId: string) => changed!.board.rows.find((row) => row.pipelineId === pipelineId)!.cost;
    expect(after('best-of-n').costPerWinUsd).toBeCloseTo(0.004, 10);
    expect(after('plain').costPerWinUsd).toBeNull();
  });

  it('keeps a comparison’s count record complete while two processes rewrite it at once', async () => {
    // Two handles on one store, as two bot processes have: each orders the rewrites of a record only among its own.
    const [first, second] = [await fixture.open(), await fixture.open()];
    await createComparisonStore(first).save(
      aStoredComparison({ id: 'busy', status: 'done', pipelines: ['plain', 'cot'] }),
    );
    const ledgers = [createVoteLedger(first), createVoteLedger(second)];
    const VOTERS = 40;
    await Promise.all(
      Array.from({ length: VOTERS }, (_, index) =>
        ledgers[index % 2]!.applyReaction(pickOf('busy', `voter-${index}`, index % 2), 'add'),
      ),
    );
    const records: Array<{ id: string; voters: number }> = [];
    for await (const record of createCountRecords(first).all())
      records.push({ id: record.id, voters: record.votes.length });
    expect(records).toEqual([{ id: 'busy', voters: VOTERS }]);
  });

  it('counts a store written before count records (ballots and votes only) exactly as its votes say', async () => {
    const store: Store = await fixture.open();
    // Written raw, as an older release (or a restore) leaves the store: no count records.
    const records = ['a', 'b', 'c', 'd'].map((id, index) => {
      const record = aStoredComparison({ id, pipelines: ['plain', 'cot', 'rules'], status: 'done' });
      record.slots = record.slots.map((slot) => ({ ...slot, result: costing(slot.pipelineId, 1, 0.002, 500 + index) }));
      return record;
    });
    const ballots = records.map(ballotOf);
    await store
      .namespace(COMPARISON_NAMESPACES.ballots, z.unknown())
      .setMany(ballots.map((ballot) => ({ key: ballot.id, value: ballot })));
    const picks = [
      ['a', 'v1', 1],
      ['a', 'v2', 1],
      ['b', 'v1', 0],
      ['c', 'v3', 1],
      ['d', 'v1', 2],
    ] as const;
    await store.namespace('votes', z.unknown()).setMany(
      picks.map(([comparisonId, voterHash, slot]) => ({
        key: `${comparisonId}:${voterHash}`,
        value: {
          comparisonId,
          voterHash,
          guildId: 'guild-1',
          reactions: [{ choice: { kind: 'pick', slot }, at: at.toISOString(), afterReveal: false }],
        },
      })),
    );
    const expected = buildLeaderboard(
      picks.map(([comparisonId, voterHash, slot]) => ({
        comparisonId,
        voterHash,
        choice: { kind: 'pick', slot },
        castAt: at.toISOString(),
        afterReveal: false,
        guildId: 'guild-1',
      })),
      ballots,
    );

    const { board } = await createLeaderboards({ store, storeOptions: fixture.options(), log: quiet }).get({
      guildId: null,
      options: {},
    });
    const summary = (rows: typeof board.rows) =>
      rows.map((row) => [row.pipelineId, Math.round(row.rating), row.wins, row.votes, row.cost.costPerWinUsd]);
    expect(summary(board.rows)).toEqual(summary(expected.rows));
    expect(board.counts).toEqual(expected.counts);
  });

  it('counts from segments of many records, rebuilding those whose votes changed, any it cannot read, and all of a store from before segments', async () => {
    const store: Store = await fixture.open();
    const comparisons = createComparisonStore(store);
    const votes = createVoteLedger(store);
    // "aa" and "ab" share a segment (their ids' first character), "ba" has its own.
    const ids = ['aa', 'ab', 'ba'];
    const ballots: Ballot[] = [];
    for (const id of ids) {
      const record = aStoredComparison({ id, pipelines: ['plain', 'cot', 'rules'], status: 'done' });
      record.slots = record.slots.map((slot) => ({ ...slot, result: costing(slot.pipelineId, 1, 0.002, 500) }));
      await comparisons.save(record);
      ballots.push((await store.namespace(COMPARISON_NAMESPACES.ballots, BallotSchema).get(id))!);
    }
    const cast: Array<[string, string, number]> = [
      ['aa', 'v1', 1],
      ['ab', 'v1', 1],
      ['ab', 'v2', 2],
      ['ba', 'v1', 0],
    ];
    for (const [comparisonId, voterHash, slot] of cast)
      await votes.applyReaction(pickOf(comparisonId, voterHash, slot), 'add');
    const leaderboards = createLeaderboards({ store, storeOptions: fixture.options(), log: quiet });
    const expected = (options = {}) =>
      buildLeaderboard(
        cast.map(([comparisonId, voterHash, slot]) => ({
          comparisonId,
          voterHash,
          choice: { kind: 'pick' as const, slot },
          castAt: at.toISOString(),
          afterReveal: false,
          guildId: 'guild-1',
        })),
        ballots,
        options,
      );
    const summary = (board: { rows: Array<{ pipelineId: string; rating: number; wins: number; votes: number }> }) =>
      board.rows.map((row) => [row.pipelineId, Math.round(row.rating * 1000), row.wins, row.votes]);

    const first = await leaderboards.get({ guildId: null, options: {} });
    expect(first.board.counts.rated).toBe(4);
    expect(summary(first.board)).toEqual(summary(expected()));
    const segments = store.namespace('count-segments', z.unknown());
    expect((await segments.getMany(['a', 'b'])).every((segment) => segment !== undefined)).toBe(true);

    // v2 changes its vote on "ab": the stored segment "a" no longer holds it, and the recount must not use it.
    cast[2] = ['ab', 'v2', 0];
    await votes.applyReaction(pickOf('ab', 'v2', 0), 'add');
    const recounted = await (await leaderboards.get({ guildId: null, options: {} })).recount;
    expect(summary(recounted!.board)).toEqual(summary(expected()));

    // A store whose count records were filled in before segments existed has no marks: every segment is rebuilt.
    await store.namespace('count-segment-marks', z.unknown()).clear();
    await segments.clear();
    await store.namespace('count-records-state', z.unknown()).set('state', { complete: true, v: 1 });
    const upgraded = await leaderboards.get({ guildId: null, options: { minVotes: 1 } });
    expect(summary(upgraded.board)).toEqual(summary(expected({ minVotes: 1 })));

    // A segment this release cannot read (another release's, a hand edit) is rebuilt from its records.
    await segments.set('b', { v: 99, columns: 'unknown' });
    const fresh = await leaderboards.get({ guildId: null, options: { excludeTies: true } });
    expect(summary(fresh.board)).toEqual(summary(expected({ excludeTies: true })));
    expect(fresh.board.counts).toEqual(expected({ excludeTies: true }).counts);
  });
});
