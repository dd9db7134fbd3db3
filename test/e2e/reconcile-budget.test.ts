// Start-up reconciliation costs what it must and never makes users wait: one read of each recent comparison's
// message, the users of an emoji only where its count moved, newest first, within a budget of its own, so a /compare
// during it finds Discord's global budget (50 requests a second, enforced by the fake) as free as without it.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/open-store.ts';
import type { RecordedRestCall } from '../fakes/discord/fake-discord.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let harness: Harness | undefined;
let cleanUp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await harness?.stop();
  await cleanUp?.();
  harness = undefined;
  cleanUp = undefined;
});

/** A bot on Redis (thousands of comparisons are written in seconds there), keys under a prefix of its own. */
async function startOnRedis(env: Record<string, string>): Promise<Harness> {
  const keyPrefix = `test-${randomUUID().slice(0, 8)}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'reconcile-'));
  cleanUp = async () => {
    const cleaner = await openStore({ dataDir, redisUrl: REDIS_URL, keyPrefix });
    for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return startHarness({ env: { REDIS_URL, DATA_DIR: dataDir, RECONCILE_DAYS: '7', ...env }, keyPrefix });
}

const PIPELINES = ['plain', 'cot', 'rules', 'constitution'];
const BALLOT = ['🇦', '🇧', '🇨', '🇩', '🤝', '👎'];

interface Seeded {
  comparisonId: string;
  messageId: string;
}

/** Finished comparisons with their messages, created in the last hours, through the real store API. */
async function seedComparisons(h: Harness, count: number): Promise<Seeded[]> {
  const { discord, services } = h;
  const seeded: Seeded[] = [];
  const now = Date.now();
  for (let first = 0; first < count; first += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - first) }, async (_, offset) => {
        const index = first + offset;
        const message = discord.seedBotMessage({ channelId: discord.channelId, content: `comparison ${index}` });
        const comparisonId = `seeded-${index}`;
        const createdAt = new Date(now - (count - index) * 1000).toISOString();
        const record = aStoredComparison({
          id: comparisonId,
          createdAt,
          guildId: discord.guildId,
          channelId: discord.channelId,
          messageId: message.id,
          status: 'done',
          pipelines: PIPELINES,
        });
        await services.comparisons.save({
          ...record,
          slots: record.slots.map((slot) => ({ ...slot, result: aResult(slot.pipelineId) })),
        });
        seeded[index] = { comparisonId, messageId: message.id };
      }),
    );
  }
  return seeded;
}

const isMessageRead = (call: RecordedRestCall) =>
  call.method === 'GET' && /^\/channels\/\d+\/messages\/\d+$/.test(call.path);
const isUsersRead = (call: RecordedRestCall) => call.method === 'GET' && /\/reactions\/[^/]+$/.test(call.path);
const isReconciling = (call: RecordedRestCall) => isMessageRead(call) || isUsersRead(call);

describe('reconciliation at start-up', () => {
  it('reads each recent comparison once and the users of an emoji only where its count moved, and forgets deleted messages', async () => {
    harness = await startOnRedis({ RECONCILE_REQUESTS_PER_SECOND: '40' });
    const h = harness;
    const { discord } = h;
    const count = 2000;
    const seeded = await seedComparisons(h, count);
    const user = (name: string) => discord.userId(name);
    const vote = (name: string, comparisonId: string, slot: number) =>
      h.services.votes.applyReaction(
        {
          comparisonId,
          voterHash: h.services.hashUser(user(name)),
          choice: { kind: 'pick', slot },
          guildId: discord.guildId,
          afterReveal: false,
          at: new Date(),
        },
        'add',
      );
    // Alice's votes the bot saw live on the newest 300 comparisons.
    const voted = seeded.slice(-300);
    for (const { comparisonId } of voted) await vote('alice', comparisonId, 0);
    const offline = (name: string, messageId: string, emoji: string) => ({
      userId: name === 'bot' ? discord.botUserId : user(name),
      messageId,
      emoji,
      whileBotOffline: true,
    });
    const callsBefore = discord.restCalls.length;
    await h.restart(() => {
      for (const { messageId } of seeded)
        for (const emoji of BALLOT) discord.addReaction(offline('bot', messageId, emoji));
      for (const { messageId } of voted) discord.addReaction(offline('alice', messageId, '🇦'));
      // While the bot was away: 10 new votes (🇧 moved), 10 withdrawals (🇦 moved, to nobody), 10 of both.
      for (const { messageId } of voted.slice(0, 10)) discord.addReaction(offline('bob', messageId, '🇧'));
      for (const { messageId } of voted.slice(10, 20)) discord.removeReaction(offline('alice', messageId, '🇦'));
      for (const { messageId } of voted.slice(20, 30)) {
        discord.addReaction(offline('carol', messageId, '🇨'));
        discord.removeReaction(offline('alice', messageId, '🇦'));
      }
      const gone = discord.message(seeded[5]?.messageId ?? '');
      if (gone) gone.deleted = true; // deleted by a moderator meanwhile
    });
    await eventually(
      () =>
        expect(h.logged.map((line) => line.message)).toContain(
          `reconciled votes on ${count - 1} recent comparison(s) with Discord: 40 repair(s)`,
        ),
      { timeoutMs: 150_000, description: 'the end of the pass' },
    );

    const calls = discord.restCalls.slice(callsBefore);
    const messageReads = calls.filter(isMessageRead);
    const usersReads = calls.filter(isUsersRead);
    const changedEmojis = 10 + 10 + 20;
    expect(messageReads).toHaveLength(count); // one read per comparison
    expect(usersReads.length).toBeLessThanOrEqual(changedEmojis);
    expect(usersReads).toHaveLength(20); // 🇧 and 🇨 moved up; 🇦 moved down to no one, which the count already says
    // Newest first: people vote on what they just saw.
    expect(messageReads[0]?.path).toContain(seeded.at(-1)?.messageId);
    expect(messageReads.at(-1)?.path).toContain(seeded[0]?.messageId);

    const liveVote = async (name: string, seededComparison: Seeded | undefined) =>
      (await h.services.votes.liveVote(seededComparison?.comparisonId ?? '', h.services.hashUser(user(name))))
        ?.choice ?? null;
    expect(await liveVote('bob', voted[0])).toEqual({ kind: 'pick', slot: 1 });
    expect(await liveVote('alice', voted[10])).toBeNull();
    expect(await liveVote('carol', voted[20])).toEqual({ kind: 'pick', slot: 2 });
    expect(await liveVote('alice', voted[20])).toBeNull();
    expect(await liveVote('alice', voted[40])).toEqual({ kind: 'pick', slot: 0 });

    const stillIndexed: string[] = [];
    for await (const recent of h.services.comparisons.recentMessages(new Date(0)))
      stillIndexed.push(recent.comparisonId);
    expect(stillIndexed).toHaveLength(count - 1);
    expect(stillIndexed).not.toContain(seeded[5]?.comparisonId);
    const metrics = await h.services.metrics.registry.metrics();
    expect(metrics).toContain(`dialoglab_reconcile_requests_total{kind="message"} ${count}`);
    expect(metrics).toContain('dialoglab_reconcile_requests_total{kind="reaction-users"} 20');
    expect(metrics).toContain('dialoglab_vote_repairs_total 40');
    expect(h.loggedErrors).toEqual([]);
  }, 240_000);

  it('answers a /compare during reconciliation with the same room in Discord’s budget as without it, and stops cleanly', async () => {
    harness = await startOnRedis({});
    const h = harness;
    const { discord } = h;
    h.model.respond(pipelineAnswers());
    // The /compare's requests, and how much of the bot's global budget was in use as each arrived.
    const compare = async (prompt: string) => {
      const from = discord.restCalls.length;
      const handle = discord.runSlashCommand({ name: 'compare', userId: discord.userId('alice'), options: { prompt } });
      const message = await handle.waitForOriginal(comparisonDone, 15_000);
      await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, { timeoutMs: 15_000 });
      const own = discord.restCalls.slice(from).filter((call) => !isReconciling(call));
      return {
        requests: own.length,
        refused: own.filter((call) => call.status === 429).length,
        mostBudgetInUse: Math.max(...own.map((call) => call.budgetUsed)),
      };
    };
    const idle = await compare('Best pet?'); // nothing stored yet: reconciliation has nothing to read

    await seedComparisons(h, 1000);
    const callsBefore = discord.restCalls.length;
    await h.restart();
    await eventually(
      () => expect(discord.restCalls.slice(callsBefore).filter(isReconciling).length).toBeGreaterThanOrEqual(5),
      { timeoutMs: 10_000, description: 'reconciliation under way' },
    );
    const during = await compare('Best colour?');
    const passDone = h.logged.some((line) => line.message.startsWith('reconciled votes on'));

    expect(passDone).toBe(false); // it was still reconciling when the /compare was answered
    expect(during.refused).toBe(0);
    expect(idle.refused).toBe(0);
    // Reconciliation takes its own 10 a second and no more, so the /compare never queues behind the 50 a second.
    expect(during.mostBudgetInUse).toBeLessThanOrEqual(idle.mostBudgetInUse + 10 + 1);
    expect(during.mostBudgetInUse).toBeLessThan(50);

    await h.restart(); // stopped mid-pass: no request may outlive the client's token
    expect(h.loggedErrors).toEqual([]);
    expect(discord.restCalls.filter((call) => call.status === 401)).toEqual([]);
  }, 120_000);
});
