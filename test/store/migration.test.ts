// A store written by release 0.1.0 (test/fixtures/store-v1) opens with today's code and loses nothing: every
// vote, comparison, reveal mark, setting, the voter salt and the day's spend survive the move to ballots,
// texts and traces, and the move happens once.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openData, type OpenedData } from '../../src/app/open-data.ts';
import { voterSalt } from '../../src/records/votes/voter-salt.ts';
import { createGuildConfigService } from '../../src/records/guild-config.ts';
import { createUsageLimits } from '../../src/records/quotas/usage-limits.ts';
import { MIGRATED_OWNER } from '../../src/records/migrations/split-comparisons.ts';
import { StoreVersionError } from '../../src/records/migrations/migrate-store.ts';
import { buildLeaderboard, buildLeaderboardFromStream } from '../../src/ratings/build-leaderboard.ts';
import { votesWithBallots } from '../../src/records/votes/voted-comparisons.ts';
import { guildDefaults } from '../fixtures/guild-defaults.ts';

const quiet = { info: () => {}, warn: () => {} };
let dataDir: string;
let opened: OpenedData[];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dialog-lab-migration-'));
  await cp('test/fixtures/store-v1/dialog-lab.sqlite', path.join(dataDir, 'dialog-lab.sqlite'));
  opened = [];
});
afterEach(async () => {
  for (const data of opened) await data.store.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function open(): Promise<OpenedData> {
  const data = await openData({ dataDir }, quiet);
  opened.push(data);
  return data;
}

describe('a store written by release 0.1.0', () => {
  it('keeps every comparison, with its slots, answers, traces, message link and forgotten prompt', async () => {
    const { comparisons } = await open();
    const ids: string[] = [];
    for await (const ballot of comparisons.allBallots()) ids.push(ballot.id);
    expect(ids).toEqual(['cmp-a', 'cmp-b', 'cmp-c', 'cmp-d', 'cmp-running']);

    const a = await comparisons.get('cmp-a');
    expect(a?.slots.map((slot) => slot.result?.answer)).toEqual([
      'plain: Pebble',
      'cot: Pebble',
      'rules: Pebble',
      'constitution: Pebble',
    ]);
    expect(a?.slots[0]?.result?.trace[0]?.inputMessages).toHaveLength(2);
    expect(a?.conversation).toEqual([{ role: 'user', content: 'What is a good name for a grey cat?' }]);
    expect((await comparisons.findByMessageId('message-cmp-c'))?.guildId).toBeNull();

    const b = await comparisons.ballot('cmp-b');
    expect(b?.slots.map((slot) => slot.status)).toEqual(['ok', 'ok', 'error', 'ok']);
    expect(b?.slots[2]?.failure).toEqual({
      kind: 'rate-limited',
      message: 'The model server is busy.',
      retryable: true,
    });
    expect(b?.slots[0]).toMatchObject({
      model: 'test-model',
      params: { temperature: 0.7 },
      features: { chars: 'plain: Pebble'.length },
    });

    const forgotten = await comparisons.get('cmp-d');
    expect(forgotten?.conversation).toEqual([]);
    expect(forgotten?.slots[0]?.result?.trace[0]?.inputMessages).toEqual([]);
    expect((await comparisons.ballot('cmp-d'))?.promptForgotten).toBe(true);
  });

  it('leaves the comparison a crash left running in the running index, with no live owner, for recovery', async () => {
    const { comparisons } = await open();
    const running: [string, string][] = [];
    for await (const [id, entry] of comparisons.running()) running.push([id, entry.owner]);
    expect(running).toEqual([['cmp-running', MIGRATED_OWNER]]);
    expect((await comparisons.ballot('cmp-running'))?.slots.map((slot) => slot.status)).toEqual([
      'ok',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('keeps every vote, the reveal mark, both servers’ settings, the voter salt and the day’s spend', async () => {
    const { store, votes } = await open();
    const live = (await votes.allVotes()).map(
      (vote) =>
        `${vote.comparisonId}:${vote.voterHash}:${vote.choice.kind === 'pick' ? vote.choice.slot : vote.choice.kind}:${vote.afterReveal}`,
    );
    expect(live).toEqual([
      'cmp-a:voter-1:0:false',
      'cmp-a:voter-2:tie:false',
      'cmp-a:voter-3:all-bad:false',
      'cmp-b:voter-1:2:false',
      'cmp-b:voter-2:0:true',
      'cmp-c:voter-4:1:false',
      'cmp-d:voter-5:3:false',
    ]);
    expect(await votes.hasRevealed('cmp-b', 'voter-2')).toBe(true);
    const config = createGuildConfigService(store, guildDefaults);
    expect(await config.get('guild-1')).toMatchObject({
      defaultPipeline: 'cot',
      comparePipelines: ['plain', 'cot', 'rules'],
      modelOverrides: { cot: 'big-model' },
      comparesPerHour: 5,
    });
    expect((await config.get('guild-2')).dailyCostCapUsd).toBe(2.5);
    expect(await voterSalt(store, undefined)).toBe('bedd6c535ac2d61103820012d26e416bc5d8d8fd3414157fdaaac71ee7603c59');
    expect(await createUsageLimits(store).spentToday('guild-1', new Date('2026-11-06T12:00:00.000Z'))).toEqual({
      usd: 0.0125,
      incomplete: false,
    });
  });

  it('gives the same leaderboard streamed from the store as from the votes and ballots in memory', async () => {
    const { votes, comparisons } = await open();
    const ballots = [];
    for await (const ballot of comparisons.allBallots()) ballots.push(ballot);
    const streamed = await buildLeaderboardFromStream(votesWithBallots(votes, comparisons), { bootstrapRounds: 50 });
    expect(streamed).toEqual(buildLeaderboard(await votes.allVotes(), ballots, { bootstrapRounds: 50 }));
    // voter-1's pick on cmp-b is the failed slot: counted, but it gives no outcome.
    expect(streamed.counts).toEqual({
      given: 7,
      afterReveal: 1,
      early: 0,
      missingComparison: 0,
      otherCategory: 0,
      otherModel: 0,
      unmatched: 0,
      leaked: 0,
      overCap: 0,
      withoutOutcomes: 1,
      rated: 5,
    });
  });

  it('moves the data once: the old records are gone and opening again changes nothing', async () => {
    const first = await open();
    const legacy = first.store.namespace('comparisons', z.unknown());
    expect(await legacy.entries().next()).toMatchObject({ done: true });
    await first.store.close();
    opened = [];
    const again = await open();
    expect((await again.comparisons.get('cmp-a'))?.slots).toHaveLength(4);
  });

  it('refuses a store written by a newer release, saying what to do', async () => {
    const { store } = await open();
    await store.namespace('store-meta', z.int()).set('layout-version', 3);
    await store.close();
    opened = [];
    await expect(openData({ dataDir }, quiet)).rejects.toThrow(StoreVersionError);
    await expect(openData({ dataDir }, quiet)).rejects.toThrow(
      'The store was written by a newer release of Dialog Lab (layout 3; this release reads up to 2). Upgrade Dialog Lab, or restore a backup made by this release.',
    );
  });
});
