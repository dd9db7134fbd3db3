// Commands acknowledge Discord before they read the store: with the database's packets held (a network that drops
// them, so the driver waits instead of failing), /compare and /eval are still deferred at once, and finish once the
// database answers again. The database sits behind a TCP proxy the test controls.
import { randomUUID } from 'node:crypto';
import { InteractionResponseType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/open-store.ts';
import { type TcpProxy, startTcpProxy } from '../fakes/tcp-proxy.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { evalScript } from '../fixtures/eval-script.ts';
import { eventually } from '../fixtures/eventually.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

const DATABASES = [
  {
    name: 'postgres',
    variable: 'POSTGRES_URL',
    option: 'postgresUrl',
    url: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  },
  {
    name: 'redis',
    variable: 'REDIS_URL',
    option: 'redisUrl',
    url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  },
] as const;

describe.each(DATABASES)('commands while $name hangs', (database) => {
  let proxy: TcpProxy;
  let harness: Harness;
  let keyPrefix: string;

  beforeEach(async () => {
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    keyPrefix = `test-${randomUUID().slice(0, 8)}`;
    harness = await startHarness({
      env: { [database.variable]: proxy.urlFor(database.url) },
      keyPrefix,
      discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice'] },
    });
  });
  afterEach(async () => {
    proxy.restore();
    await harness.stop();
    await proxy.close();
    const cleaner = await openStore({ dataDir: '', [database.option]: database.url, keyPrefix });
    for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
  });

  /** Fires the command while the database's packets are held; resolves once Discord has its acknowledgement. */
  const acknowledgedWhileHanging = async (
    name: 'compare' | 'eval',
    user: string,
    options: Record<string, string | number>,
  ) => {
    proxy.pause();
    const handle = harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options });
    await handle.waitForResponse(15_000);
    // The bot did ask the store, and nothing it asked has reached the database yet, let alone been answered.
    await eventually(() => expect(proxy.heldBytes()).toBeGreaterThan(0), {
      description: 'a store request held by the proxy',
    });
    expect(handle.responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    proxy.restore();
    return handle;
  };

  it('defers /compare before reading the store, and shows the comparison once the store answers', async () => {
    const handle = await acknowledgedWhileHanging('compare', 'alice', { prompt: 'Best pet?', pipelines: 'plain, cot' });
    const message = await handle.waitForOriginal(comparisonDone, 20_000);
    expect(shownMessage(message).slots).toHaveLength(2);
    expect(handle.ephemeral).toBe(false);
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);

  it('defers /eval before reading the store, and posts the report once the store answers', async () => {
    harness.model.respond(evalScript({ plain: () => 'Here is how.' }));
    const handle = await acknowledgedWhileHanging('eval', 'admin', { suite: 'safety', pipelines: 'plain', items: 1 });
    const reply = await handle.waitForOriginal((candidate) => candidate.attachments.length > 0, 30_000);
    expect(reply.content).toContain('**safety suite**: 1 of 87 items');
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});
