// Leaderboards are counted once and served from the store while their votes and ballots are unchanged; a
// change anywhere (a vote through another connection, a finished slot, a restore) makes the stored board be
// served as "recounting" with the recount on its way, and never as current.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { restoreBackup } from '../../src/export/backup/restore-backup.ts';
import { writeBackup } from '../../src/export/backup/write-backup.ts';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { createGuildConfigService } from '../../src/records/guild-config.ts';
import { createLeaderboards, KEEP_CURRENT_MS, KEEP_REQUESTED_MS } from '../../src/boards/leaderboard-service.ts';
import { STORED_LEADERBOARDS_NAMESPACE } from '../../src/ratings/leaderboard.ts';
import type { Store, StoreOptions } from '../../src/store/open-store.ts';
import { isStoreUnavailable, unavailableCause } from '../../src/store/store-unavailable.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';
import { guildDefaults } from '../fixtures/guild-defaults.ts';

const quietLog = () => {
  const warnings: string[] = [];
  return {
    warnings,
    log: {
      warn: (message: string) => void warnings.push(message),
      error: (message: string) => void warnings.push(message),
    },
  };
};

async function finishedComparison(store: Store, id: string, pipelines = ['plain', 'cot']) {
  const comparisons = createComparisonStore(store);
  await comparisons.save(aStoredComparison({ id, status: 'running', pipelines }));
  for (const [slot, pipelineId] of pipelines.entries()) await comparisons.setSlotResult(id, slot, aResult(pipelineId));
  await comparisons.finish(id);
}

const vote = (comparisonId: string, voterHash: string, slot: number) => ({
  comparisonId,
  voterHash,
  choice: { kind: 'pick' as const, slot },
  guildId: 'guild-1',
  afterReveal: false,
  at: new Date('2026-11-10T10:00:00Z'),
});

const request = { guildId: null, options: { bootstrapRounds: 20 } };
const cotWins = (board: { rows: { pipelineId: string; wins: number }[] }) =>
  board.rows.find((row) => row.pipelineId === 'cot')?.wins;

describe.each(STORE_BACKENDS)('stored leaderboards on $name', (backend) => {
  const fixture = useStoreFixture(backend);

  const targetFixture = useStoreFixture(backend);

  /** What the bot builds: the ledgers, and the leaderboards counted by a worker on its own connection to `options`. */
  function services(
    store: Store,
    { now, options = fixture.options() }: { now?: () => Date; options?: StoreOptions } = {},
  ) {
    const { warnings, log } = quietLog();
    const votes = createVoteLedger(store);
    const comparisons = createComparisonStore(store);
    return {
      votes,
      comparisons,
      warnings,
      leaderboards: createLeaderboards({ store, storeOptions: options, log, ...(now ? { now } : {}) }),
    };
  }

  it('counts a board once, then serves it from the store until a vote changes it', async () => {
    const store = await fixture.open();
    await finishedComparison(store, 'one');
    const { votes, leaderboards } = services(store);
    await votes.applyReaction(vote('one', 'voter-1', 1), 'add');

    const first = await leaderboards.get(request);
    expect(first.recount).toBeNull();
    expect(cotWins(first.board)).toBe(1);

    // Another process (its own connection, its own service) finds the board stored and current.
    const other = services(await fixture.open());
    const again = await other.leaderboards.get(request);
    expect(again.recount).toBeNull();
    expect(again.computedAt).toEqual(first.computedAt);

    // A vote through that other connection: the first process serves its stored board at once, marked as being recounted.
    await other.votes.applyReaction(vote('one', 'voter-2', 1), 'add');
    const stale = await leaderboards.get(request);
    expect(cotWins(stale.board)).toBe(1);
    expect(stale.recount).not.toBeNull();
    const fresh = await stale.recount!;
    expect(cotWins(fresh.board)).toBe(2);
    expect((await other.leaderboards.get(request)).recount).toBeNull();
  });

  it('keeps boards with different options or scopes apart, and options given as defaults share one', async () => {
    const store = await fixture.open();
    await finishedComparison(store, 'one');
    const { votes, leaderboards } = services(store);
    await votes.applyReaction(vote('one', 'voter-1', 1), 'add');
    await leaderboards.get({ guildId: null, options: { bootstrapRounds: 20 } });
    expect(
      (
        await leaderboards.get({
          guildId: null,
          options: { bootstrapRounds: 20, versions: 'split', minVotes: 0, intervals: 'sandwich', weights: 'none' },
        })
      ).recount,
    ).toBeNull();
    const server = await leaderboards.get({ guildId: 'guild-2', options: { bootstrapRounds: 20 } });
    expect(server.board.counts.given).toBe(0);
    const bootstrapped = await leaderboards.get({
      guildId: null,
      options: { bootstrapRounds: 20, intervals: 'bootstrap', weights: 'balanced' },
    });
    expect(bootstrapped.board.settings).toMatchObject({ intervals: 'bootstrap', weights: 'balanced' });
    const stored: string[] = [];
    for await (const [key] of store.namespace(STORED_LEADERBOARDS_NAMESPACE, z.unknown()).entries()) stored.push(key);
    expect(stored).toHaveLength(3);
  });

  it('counts the published board from the servers that publish only, never from DMs, and recounts it when a server turns publication on', async () => {
    const store = await fixture.open();
    for (const id of ['one', 'two', 'dm']) await finishedComparison(store, id);
    const { votes, leaderboards } = services(store);
    await votes.applyReaction(vote('one', 'voter-1', 1), 'add');
    await votes.applyReaction({ ...vote('two', 'voter-2', 1), guildId: 'guild-2' }, 'add');
    await votes.applyReaction({ ...vote('dm', 'voter-3', 1), guildId: null }, 'add');
    const guildConfig = createGuildConfigService(store, guildDefaults);
    await guildConfig.update('guild-2', (config) => ({ ...config, publish: true }));
    const published = { guildId: null, published: true, options: { bootstrapRounds: 20 } };
    expect((await leaderboards.get(published)).board.counts.given).toBe(1);

    await guildConfig.update('guild-1', (config) => ({ ...config, publish: true }));
    const served = await leaderboards.get(published);
    expect(served.recount).not.toBeNull();
    expect((await served.recount!).board.counts.given).toBe(2);
    expect((await leaderboards.get(request)).board.counts.given).toBe(3); // every server's board still counts DMs too
  });

  it('marks a board for recount when a slot of a voted comparison finishes after the vote', async () => {
    const store = await fixture.open();
    const { votes, comparisons, leaderboards } = services(store);
    await comparisons.save(aStoredComparison({ id: 'late', status: 'running', pipelines: ['plain', 'cot'] }));
    await comparisons.setSlotResult('late', 1, aResult('cot'));
    await votes.applyReaction(vote('late', 'voter-1', 1), 'add');
    expect((await leaderboards.get(request)).board.counts.withoutOutcomes).toBe(1);
    await comparisons.setSlotResult('late', 0, aResult('plain'));
    const served = await leaderboards.get(request);
    expect(served.recount).not.toBeNull();
    expect(cotWins((await served.recount!).board)).toBe(1);
  });

  it('recounts out-of-date boards asked for in the last day in the background, leaves older ones for their next asker, and drops boards nobody asked for in a week', async () => {
    const store = await fixture.open();
    await finishedComparison(store, 'one');
    let clock = new Date('2026-11-10T12:00:00Z');
    const { votes, leaderboards } = services(store, { now: () => clock });
    await votes.applyReaction(vote('one', 'voter-1', 1), 'add');
    await leaderboards.get(request);
    await leaderboards.get({ guildId: 'guild-1', options: { bootstrapRounds: 20 } });
    expect(await leaderboards.refresh()).toEqual({ recounted: 0, dropped: 0 });

    await votes.applyReaction(vote('one', 'voter-2', 1), 'add');
    expect(await leaderboards.refresh()).toEqual({ recounted: 2, dropped: 0 });
    const served = await leaderboards.get(request);
    expect(served.recount).toBeNull();
    expect(cotWins(served.board)).toBe(2);

    // A day later, neither was asked for again: a new vote leaves both for their next asker.
    clock = new Date(clock.getTime() + KEEP_CURRENT_MS + 60_000);
    await votes.applyReaction(vote('one', 'voter-3', 1), 'add');
    expect(await leaderboards.refresh()).toEqual({ recounted: 0, dropped: 0 });
    const next = await leaderboards.get(request);
    expect(cotWins((await next.recount!).board)).toBe(3);

    clock = new Date(clock.getTime() + KEEP_REQUESTED_MS);
    await leaderboards.get(request); // asked for again: kept; the server board was not
    expect(await leaderboards.refresh()).toEqual({ recounted: 0, dropped: 1 });
  });

  it('recounts after a restore, since stored boards are not part of a backup', async () => {
    const source = await fixture.open();
    await finishedComparison(source, 'one');
    const sourceServices = services(source);
    await sourceServices.votes.applyReaction(vote('one', 'voter-1', 1), 'add');
    const file = path.join(fixture.options().dataDir, 'backup.jsonl');
    await writeBackup(source, file);

    // The target had its own board, counted before the restore brought the votes in.
    const target = await targetFixture.open();
    const { leaderboards } = services(target, { options: targetFixture.options() });
    expect((await leaderboards.get(request)).board.counts.given).toBe(0);
    await restoreBackup(target, file);
    const served = await leaderboards.get(request);
    expect(served.recount).not.toBeNull();
    expect(cotWins((await served.recount!).board)).toBe(1);
  });

  it('ends a count under way when closed, so a shutdown does not wait for it', async () => {
    const store = await fixture.open();
    await finishedComparison(store, 'one');
    const { leaderboards, warnings } = services(store);
    const counting = leaderboards.get(request);
    leaderboards.close();
    await expect(counting).rejects.toThrow('counting stopped: shutting down');
    expect(warnings).toEqual([]);
  });

  it('reports a count whose worker cannot reach the store as the store being unavailable', async () => {
    const store = await fixture.open();
    const unreachable: StoreOptions = {
      dataDir: '/nonexistent/dialog-lab',
      postgresUrl: 'postgresql://postgres@127.0.0.1:1/test',
    };
    const { leaderboards } = services(store, { options: unreachable });
    const failure = await leaderboards.get(request).catch((error: unknown) => error);
    expect(isStoreUnavailable(failure)).toBe(true);
    expect(unavailableCause(failure)).toContain('ECONNREFUSED'); // what the log line names
  });

  it('recounts a stored board it cannot read (written by another release) and says so once', async () => {
    const store = await fixture.open();
    await finishedComparison(store, 'one');
    const { votes, leaderboards, warnings } = services(store);
    await votes.applyReaction(vote('one', 'voter-1', 1), 'add');
    await leaderboards.get(request);
    const raw = store.namespace(STORED_LEADERBOARDS_NAMESPACE, z.unknown());
    for await (const [key] of raw.entries()) await raw.set(key, { v: 99, board: 'from the future' });
    const served = await leaderboards.get(request);
    expect(served.recount).toBeNull();
    expect(cotWins(served.board)).toBe(1);
    expect(warnings).toEqual([expect.stringContaining('could not be read and will be recounted')]);
  });
});
