// A start while PostgreSQL is down: the bot logs in anyway, answers commands with the storage line, journals votes
// and reports not-ready on /readyz; when the database answers again it comes fully up in the same process (lease,
// salt, journal replay, reconciliation) and counts the votes cast meanwhile. PostgreSQL sits behind a TCP proxy the
// test cuts, so the real driver sees refused connections.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { startOpsServer } from '../../src/app/start-ops-server.ts';
import type { HttpServer } from '../../src/web/http-server.ts';
import { openStore } from '../../src/store/open-store.ts';
import { type TcpProxy, startTcpProxy } from '../fakes/tcp-proxy.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { privateReply } from '../fixtures/private-reply.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let proxy: TcpProxy;
let harness: Harness;
let dataDir: string;
let keyPrefix: string;
let ops: HttpServer | undefined;

beforeEach(async () => {
  const target = new URL(POSTGRES_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  dataDir = await mkdtemp(path.join(tmpdir(), 'store-down-'));
  keyPrefix = `test-${randomUUID().slice(0, 8)}`;
  // With the salt in the environment a vote can be journaled before the store is reachable (without it, the vote
  // waits on Discord for reconciliation).
  harness = await startHarness({
    env: {
      POSTGRES_URL: proxy.urlFor(POSTGRES_URL),
      DATA_DIR: dataDir,
      VOTER_HASH_SALT: 'a-salt-of-at-least-16-chars',
    },
    keyPrefix,
  });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  proxy.restore();
  await ops?.close();
  await harness.stop();
  await proxy.close();
  const cleaner = await openStore({ dataDir, postgresUrl: POSTGRES_URL, keyPrefix });
  for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
  await cleaner.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('starts while PostgreSQL is down, answers with the storage line, journals a vote, and comes fully up when it returns', async () => {
  const { discord } = harness;
  const compare = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: 'Best pet?', pipelines: 'plain, cot' },
  });
  const message = await compare.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, { timeoutMs: 10_000 });
  const comparisonId = (await harness.services.comparisons.findByMessageId(message.id))?.id ?? '';

  await harness.restart(() => proxy.cut());
  const started = harness.services;
  const server = await startOpsServer({ port: 0, host: '127.0.0.1', client: harness.bot.client, services: started });
  ops = server.server;
  const readyz = async () => (await fetch(`http://127.0.0.1:${server.port}/readyz`)).status;

  for (const name of ['compare', 'pipelines'] as const) {
    const handle = discord.runSlashCommand({
      name,
      userId: discord.userId('bob'),
      options: name === 'compare' ? { prompt: 'Best pet?' } : {},
    });
    expect((await privateReply(discord, handle)).content).toBe(
      `⚠️ Storage is unavailable right now, so I can’t finish /${name}; try again in a minute.`,
    );
  }
  discord.addReaction({ userId: discord.userId('bob'), messageId: message.id, emoji: '🇦' });
  const journal = path.join(dataDir, 'vote-journal.jsonl');
  await eventually(
    async () => expect((await readFile(journal, 'utf8').catch(() => '')).split('\n').filter(Boolean)).toHaveLength(1),
    { description: 'the vote journaled' },
  );
  expect(await readyz()).toBe(503);

  proxy.restore();
  await eventually(async () => expect(await readyz()).toBe(200), { timeoutMs: 20_000, description: '/readyz ready' });
  const bobHash = started.hashUser(discord.userId('bob'));
  await eventually(
    async () => expect((await started.votes.votesFor(comparisonId)).map((vote) => vote.voterHash)).toContain(bobHash),
    { timeoutMs: 20_000, description: 'the journaled vote counted' },
  );
  expect(harness.services).toBe(started); // the same process and services: no restart
  const again = discord.runSlashCommand({ name: 'pipelines', userId: discord.userId('bob') });
  expect((await again.waitForOriginal()).content).toContain('**plain**');

  const lines = harness.logged.map((line) => line.message);
  expect(lines.filter((line) => line.startsWith('store unavailable at start'))).toHaveLength(1);
  expect(lines.filter((line) => line.startsWith('store is up'))).toHaveLength(1);
  expect(harness.loggedErrors).toEqual([]);
}, 120_000);
