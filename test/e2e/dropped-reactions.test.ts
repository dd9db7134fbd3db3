// No vote reaction is lost without a trace: one that changes no vote is logged (debug) and counted in
// votes_dropped_total{reason}; a letter added while its answer is still being written is a vote now (early-votes
// tests say how it counts); one cast while the store is down counts once it is back.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOpsServer } from '../../src/app/start-ops-server.ts';
import type { HttpServer } from '../../src/web/http-server.ts';
import { openStore } from '../../src/store/open-store.ts';
import { emojiForChoice } from '../../src/records/votes/vote-emoji.ts';
import { type TcpProxy, startTcpProxy } from '../fakes/tcp-proxy.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let proxy: TcpProxy;
let harness: Harness;
let ops: { server: HttpServer; port: number };
let dataDir: string;
let keyPrefix: string;
let releaseCot: () => void;

beforeEach(async () => {
  const target = new URL(REDIS_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  dataDir = await mkdtemp(path.join(tmpdir(), 'dropped-'));
  keyPrefix = `test-${randomUUID().slice(0, 8)}`;
  harness = await startHarness({
    env: { REDIS_URL: proxy.urlFor(REDIS_URL), DATA_DIR: dataDir },
    keyPrefix,
    discord: { users: ['alice', 'bob', 'carol'] },
  });
  // plain answers at once; chain-of-thought waits until the test lets it go, so the comparison stays running.
  const cotMayAnswer = new Promise<void>((resolve) => (releaseCot = resolve));
  const answers = pipelineAnswers();
  harness.model.respond(async (request, index) => {
    if (kindOf(request) !== 'answer') await cotMayAnswer;
    return answers(request, index);
  });
  ops = await startOpsServer({ port: 0, host: '127.0.0.1', client: harness.bot.client, services: harness.services });
});
afterEach(async () => {
  releaseCot();
  proxy.restore();
  await ops.server.close();
  await harness.stop();
  await proxy.close();
  const cleaner = await openStore({ dataDir, redisUrl: REDIS_URL, keyPrefix });
  for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
  await cleaner.close();
  await rm(dataDir, { recursive: true, force: true });
});

const metric = async (series: string): Promise<number | undefined> => {
  const body = await (await fetch(`http://127.0.0.1:${ops.port}/metrics`)).text();
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('a reaction that changes no vote', () => {
  it('is no longer dropped while the answers are pending, and a vote cast during a store outage counts once it is back', async () => {
    const { discord, services } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Best pet?', pipelines: 'plain, cot' },
    });
    const running = await handle.waitForOriginal((message) => shownMessage(message).slots.length === 2);
    const ballot = await eventually(
      async () => {
        const found = await services.comparisons.findByMessageId(running.id);
        expect(found?.status).toBe('running');
        return found!;
      },
      { description: 'the running comparison stored with its message' },
    );
    const cot = { kind: 'pick' as const, slot: ballot.slots.findIndex((slot) => slot.pipelineId === 'cot') };
    const bobsVote = async () =>
      (await services.votes.liveVote(ballot.id, services.hashUser(discord.userId('bob'))))?.choice ?? null;

    discord.addReaction({ userId: discord.userId('bob'), messageId: running.id, emoji: emojiForChoice(cot) });
    await eventually(async () => expect(await bobsVote()).toEqual(cot), { description: "bob's early vote" });
    expect(await metric('dialoglab_votes_dropped_total{reason="answers-pending"}')).toBeUndefined();

    releaseCot();
    await discord.waitFor(() => discord.reactions(running.id).length === 4 || undefined, {
      timeoutMs: 10_000,
      description: 'the vote reactions',
    });
    // A store outage ends in a reconciliation pass, well within the seconds a fresh reaction would be left alone.
    proxy.cut();
    discord.addReaction({ userId: discord.userId('carol'), messageId: running.id, emoji: '🤝' });
    await eventually(
      () =>
        expect(
          harness.logged.map((line) => line.message).some((message) => message.startsWith('store unavailable')),
        ).toBe(true),
      { timeoutMs: 10_000, description: 'the outage noticed' },
    );
    proxy.restore();

    await eventually(
      async () =>
        expect((await services.votes.liveVote(ballot.id, services.hashUser(discord.userId('carol'))))?.choice).toEqual({
          kind: 'tie',
        }),
      { timeoutMs: 20_000, description: "carol's vote once the store is back" },
    );
    expect(await bobsVote()).toEqual(cot);
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);

  it('is counted with its reason when it is on no comparison or names no answer of a finished one', async () => {
    const { discord } = harness;
    releaseCot();
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Best pet?', pipelines: 'plain, cot' },
    });
    const done = await handle.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => discord.reactions(done.id).length === 4 || undefined, {
      timeoutMs: 10_000,
      description: 'vote reactions',
    });
    const chatter = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('carol'),
      content: 'A or B?',
    });

    discord.addReaction({ userId: discord.userId('bob'), messageId: done.id, emoji: '🇪' }); // two answers: A and B only
    discord.addReaction({ userId: discord.userId('bob'), messageId: chatter.id, emoji: '🇦' });
    await eventually(
      async () => {
        expect(await metric('dialoglab_votes_dropped_total{reason="not-on-ballot"}')).toBe(1);
        expect(await metric('dialoglab_votes_dropped_total{reason="unknown-message"}')).toBe(1);
      },
      { description: 'both drops on /metrics' },
    );
    const debugLines = harness.logged.filter((line) => line.level === 'debug');
    expect(debugLines.map((line) => [line.context?.messageId, line.context?.reason]).sort()).toEqual(
      [
        [chatter.id, 'unknown-message'],
        [done.id, 'not-on-ballot'],
      ].sort(),
    );
  }, 60_000);
});
