// Votes cast while PostgreSQL or Redis cannot be reached: the bot keeps them in its local journal and counts every
// one, in the order cast, once the database is back, also when the bot restarts in the middle of the outage. The
// database is cut through a TCP proxy the test controls, so the real drivers see real dropped connections.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/open-store.ts';
import { type TcpProxy, startTcpProxy } from '../fakes/tcp-proxy.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { privateReply } from '../fixtures/private-reply.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const DATABASES = [
  {
    name: 'postgres',
    variable: 'POSTGRES_URL',
    url: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  },
  { name: 'redis', variable: 'REDIS_URL', url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
] as const;

const USERS = ['alice', 'bob', 'carol', 'dave'];

describe.each(DATABASES)('votes while $name is unreachable', (database) => {
  let proxy: TcpProxy;
  let harness: Harness;
  let dataDir: string;
  let keyPrefix: string;
  let messageId: string;
  let comparisonId: string;

  beforeEach(async () => {
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    dataDir = await mkdtemp(path.join(tmpdir(), 'outage-'));
    keyPrefix = `test-${randomUUID().slice(0, 8)}`;
    harness = await startHarness({
      env: { [database.variable]: proxy.urlFor(database.url), DATA_DIR: dataDir },
      keyPrefix,
      discord: { users: USERS },
    });
    harness.model.respond(pipelineAnswers());
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Best pet?' },
    });
    const message = await handle.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, { timeoutMs: 10_000 });
    messageId = message.id;
    comparisonId = (await harness.services.comparisons.findByMessageId(messageId))?.id ?? '';
  });
  afterEach(async () => {
    proxy.restore();
    await harness.stop();
    await proxy.close();
    const cleaner = await openStore({
      dataDir,
      [database.name === 'redis' ? 'redisUrl' : 'postgresUrl']: database.url,
      keyPrefix,
    });
    for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const react = (user: string, emoji: string) =>
    harness.discord.addReaction({ userId: harness.discord.userId(user), messageId, emoji });
  const unreact = (user: string, emoji: string) =>
    harness.discord.removeReaction({ userId: harness.discord.userId(user), messageId, emoji });
  const journalLines = async () =>
    (await readFile(path.join(dataDir, 'vote-journal.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean)
      .length;
  const liveVotes = async () => {
    const votes = await harness.services.votes.votesFor(comparisonId);
    return Object.fromEntries(
      USERS.map((user) => [
        user,
        votes.find((vote) => vote.voterHash === harness.services.hashUser(harness.discord.userId(user)))?.choice ??
          null,
      ]),
    );
  };
  const EXPECTED = {
    alice: { kind: 'pick', slot: 1 },
    bob: { kind: 'tie' },
    carol: null,
    dave: { kind: 'pick', slot: 0 },
  };

  /** Eleven events: changed, withdrawn and fallen-back votes, whose result depends on their order. */
  const castDuringOutage = () => {
    react('alice', '🇦');
    react('alice', '🇧');
    react('bob', '🇦');
    unreact('bob', '🇦');
    react('bob', '🤝');
    react('carol', '👎');
    unreact('carol', '👎');
    react('dave', '🇦');
    react('dave', '🇧');
    unreact('dave', '🇧');
    react('alice', '👎');
    unreact('alice', '👎');
  };

  it('counts every vote cast during the outage once the database is back, and logs the outage once', async () => {
    proxy.cut();
    castDuringOutage();
    await eventually(async () => expect(await journalLines()).toBe(12), {
      timeoutMs: 20_000,
      description: 'all twelve events journaled',
    });
    proxy.restore();
    await eventually(async () => expect(await liveVotes()).toEqual(EXPECTED), {
      timeoutMs: 20_000,
      description: 'the votes replayed',
    });
    const outage = harness.logged.filter((line) => line.message.startsWith('store unavailable'));
    expect(outage).toHaveLength(1);
    expect(outage[0]?.message).toContain('vote-journal.jsonl');
    await eventually(() =>
      expect(harness.logged.map((line) => line.message)).toContain('store is back; replayed 12 journaled reaction(s)'),
    );
    expect(await journalLines()).toBe(0);
    expect(harness.loggedErrors).toEqual([]);
  }, 90_000);

  it('keeps journaled votes through a restart during the outage and counts them after it', async () => {
    proxy.cut();
    castDuringOutage();
    await eventually(async () => expect(await journalLines()).toBe(12), {
      timeoutMs: 20_000,
      description: 'all twelve events journaled',
    });
    await harness.restart(() => proxy.restore());
    await eventually(async () => expect(await liveVotes()).toEqual(EXPECTED), {
      timeoutMs: 20_000,
      description: 'the votes replayed after the restart',
    });
    await eventually(() =>
      expect(harness.logged.map((line) => line.message)).toContain(
        'replayed 12 reaction(s) journaled by an earlier run',
      ),
    );
  }, 90_000);

  it('answers slash commands with a short "storage is unavailable" line instead of leaving them unacknowledged', async () => {
    proxy.cut();
    const { discord } = harness;
    for (const name of ['compare', 'pipelines'] as const) {
      const handle = discord.runSlashCommand({
        name,
        userId: discord.userId('bob'),
        options: name === 'compare' ? { prompt: 'Best pet?' } : {},
      });
      const reply = await privateReply(discord, handle);
      expect(reply.content).toBe(
        `⚠️ Storage is unavailable right now, so I can’t finish /${name}; try again in a minute.`,
      );
      expect(reply.ephemeral).toBe(true);
    }
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});
