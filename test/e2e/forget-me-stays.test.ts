// /forget-me is final: the reactions Discord still shows, a journaled event from before it and a backup taken
// before it never bring a forgotten vote or prompt back, while the same person's votes afterwards count as usual.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/export/backup/restore-backup.ts';
import { writeBackup } from '../../src/export/backup/write-backup.ts';
import { openStore } from '../../src/store/open-store.ts';
import { DEFAULT_BOT_PERMISSIONS } from '../fakes/discord/seed.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId, buttonsOf } from '../fixtures/buttons.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice', 'bob'] },
  });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await harness.stop();
});

const run = (user: string, name: string, options: Record<string, string> = {}) =>
  harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options });
const hashOf = (user: string) => harness.services.hashUser(harness.discord.userId(user));

/** A finished two-slot /compare by `user`, with its vote reactions in place. */
async function compared(user: string, prompt: string) {
  const { discord, services } = harness;
  const message = await run(user, 'compare', { prompt, pipelines: 'plain, cot' }).waitForOriginal(
    comparisonDone,
    15_000,
  );
  await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });
  return { messageId: message.id, comparisonId: (await services.comparisons.findByMessageId(message.id))!.id };
}

const react = (user: string, messageId: string, emoji: string, whileBotOffline = false) =>
  harness.discord.addReaction({ userId: harness.discord.userId(user), messageId, emoji, whileBotOffline });

async function votersOf(comparisonId: string): Promise<Record<string, unknown>> {
  const votes = await harness.services.votes.votesFor(comparisonId);
  const names = new Map(['alice', 'bob'].map((user) => [hashOf(user), user]));
  return Object.fromEntries(votes.map((vote) => [names.get(vote.voterHash) ?? vote.voterHash, vote.choice]));
}

async function forgetAlice(): Promise<void> {
  const reply = await run('alice', 'forget-me').waitForOriginal();
  expect(reply.content).toContain('Done: deleted 1 vote');
}

/** Restarts the bot and waits until its start-up reconciliation with Discord has run. */
async function restartAndReconcile(whileStopped?: () => Promise<void>): Promise<void> {
  const passes = () => harness.logged.filter((line) => line.message.startsWith('reconciled votes on')).length;
  const before = passes();
  await harness.restart(whileStopped);
  await eventually(() => expect(passes()).toBeGreaterThan(before), {
    timeoutMs: 20_000,
    description: 'a reconciliation pass',
  });
}

/** /leaderboard shows a stored board at once and edits in the recount: waits for the recount to say `votes`. */
const expectCountedOnLeaderboard = async (votes: string) =>
  expect(
    shownMessage(
      await run('bob', 'leaderboard').waitForOriginal(
        (reply) => shownMessage(reply).header.includes(`**${votes}** counted`),
        30_000,
      ),
    ).header,
  ).toContain(votes);

describe('/forget-me is final', () => {
  it('keeps a forgotten vote gone through restarts and a replayed journal, and counts the votes cast afterwards', async () => {
    const old = await compared('bob', 'Name a cat');
    react('alice', old.messageId, '🇦');
    react('bob', old.messageId, '🇧');
    await eventually(async () => expect(Object.keys(await votersOf(old.comparisonId))).toHaveLength(2));
    const beforeForgetting = new Date().toISOString();
    await forgetAlice();

    // Discord still shows alice's 🇦; the journal holds an event from before /forget-me, as after a store outage.
    const journaled = {
      messageId: old.messageId,
      voterHash: hashOf('alice'),
      emoji: '🇦',
      change: 'add',
      at: beforeForgetting,
    };
    await restartAndReconcile(() =>
      appendFile(path.join(harness.services.settings.DATA_DIR, 'vote-journal.jsonl'), `${JSON.stringify(journaled)}\n`),
    );
    expect(harness.logged.map((line) => line.message)).toContain('replayed 1 reaction(s) journaled by an earlier run');
    expect(await votersOf(old.comparisonId)).toEqual({ bob: { kind: 'pick', slot: 1 } });
    await expectCountedOnLeaderboard('1 vote');

    // Afterwards: a live vote on the old comparison and a vote cast while the bot was away on a new one both count.
    react('alice', old.messageId, '🇧');
    await eventually(async () => expect((await votersOf(old.comparisonId)).alice).toEqual({ kind: 'pick', slot: 1 }));
    const fresh = await compared('bob', 'Name a dog');
    await restartAndReconcile(async () => {
      react('alice', fresh.messageId, '🇦', true);
    });
    expect(await votersOf(old.comparisonId)).toEqual({
      alice: { kind: 'pick', slot: 1 },
      bob: { kind: 'pick', slot: 1 },
    });
    expect(await votersOf(fresh.comparisonId)).toEqual({ alice: { kind: 'pick', slot: 0 } });
    await expectCountedOnLeaderboard('3 votes');
    const exported = await run('admin', 'export', { format: 'kto' }).waitForOriginal();
    expect(exported.content).toContain('from 3 votes');
    expect(harness.loggedErrors).toEqual([]);
  }, 120_000);

  it('keeps a forgotten vote and prompt gone when a backup taken before /forget-me is restored', async () => {
    const mine = await compared('alice', 'my secret question');
    react('alice', mine.messageId, '🇦');
    react('bob', mine.messageId, '🇧');
    await eventually(async () => expect(Object.keys(await votersOf(mine.comparisonId))).toHaveLength(2));
    const file = path.join(harness.services.settings.DATA_DIR, 'before-forgetting.jsonl');
    await writeBackup(harness.services.store, file);
    await forgetAlice();

    await restartAndReconcile(async () => {
      const store = await openStore({ dataDir: harness.services.settings.DATA_DIR });
      try {
        await restoreBackup(store, file, { intoNonEmpty: true });
      } finally {
        await store.close();
      }
    });
    expect(await votersOf(mine.comparisonId)).toEqual({ bob: { kind: 'pick', slot: 1 } });
    expect(JSON.stringify(await harness.services.comparisons.get(mine.comparisonId))).not.toContain(
      'my secret question',
    );
    await expectCountedOnLeaderboard('1 vote');
    expect(harness.loggedErrors).toEqual([]);
  }, 120_000);
});

describe('what Discord still shows after /forget-me', () => {
  const reactorsOf = (messageId: string, emoji: string) =>
    harness.discord.reactions(messageId).find((reaction) => reaction.emoji === emoji)?.userIds ?? [];

  it('offers to remove the vote reactions where the bot has Manage Messages, and removes them', async () => {
    await harness.stop();
    harness = await startHarness({
      discord: { users: ['alice', 'bob'], botPermissions: [...DEFAULT_BOT_PERMISSIONS, 'ManageMessages'] },
    });
    harness.model.respond(pipelineAnswers());
    const { messageId, comparisonId } = await compared('bob', 'Name a cat');
    react('alice', messageId, '🇦');
    react('alice', messageId, '🤝');
    react('bob', messageId, '🇦');
    await eventually(async () => expect(Object.keys(await votersOf(comparisonId))).toHaveLength(2));

    const handle = run('alice', 'forget-me');
    const reply = await handle.waitForOriginal();
    expect(reply.content).toContain(
      'Discord still shows your vote reactions under 1 comparison message; they no longer count',
    );
    const click = harness.discord.clickButton({
      userId: harness.discord.userId('alice'),
      messageId: reply.id,
      customId: buttonId(reply, 'Remove my reactions'),
    });
    const done = await click.waitForOriginal((message) => message.content.startsWith('Removed'));
    expect(done.content).toBe('Removed your vote reactions from 1 comparison message.');
    expect(reactorsOf(messageId, '🇦')).not.toContain(harness.discord.userId('alice'));
    expect(reactorsOf(messageId, '🇦')).toContain(harness.discord.userId('bob'));
    expect(reactorsOf(messageId, '🤝')).not.toContain(harness.discord.userId('alice'));
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);

  it('says where the reactions still show and how to remove them when the bot may not', async () => {
    const { messageId, comparisonId } = await compared('bob', 'Name a cat');
    react('alice', messageId, '🇦');
    await eventually(async () => expect(Object.keys(await votersOf(comparisonId))).toHaveLength(1));
    const reply = await run('alice', 'forget-me').waitForOriginal();
    expect(reply.content).toContain(
      'Discord still shows your vote reactions under 1 message where the bot may not remove them',
    );
    expect(reply.content).toContain(
      `click each of your reactions there: https://discord.com/channels/${harness.discord.guildId}/${harness.discord.channelId}/${messageId}`,
    );
    expect(buttonsOf(reply)).toEqual([]);
    expect(reactorsOf(messageId, '🇦')).toContain(harness.discord.userId('alice'));
  }, 60_000);
});
