// /config (Manage Server only), rate limits and the daily budget as users meet them, and /forget-me.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { privateReply } from '../fixtures/private-reply.ts';
import { kindOf } from '../fixtures/technique-script.ts';
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

const run = (
  user: string,
  name: string,
  options: Record<string, string | number> = {},
  extra: { subcommand?: string; guildId?: null } = {},
) => harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options, ...extra });

/** Runs an admin command and waits for its reply, so the setting is saved before the next step. */
const configure = async (options: Record<string, string | number>, subcommand: string) => {
  const reply = await run('admin', 'config', options, { subcommand }).waitForOriginal();
  if (!reply.content.startsWith('✅ Saved.')) throw new Error(`config not saved: ${reply.content}`);
};

async function compareDone(user: string, options: Record<string, string>) {
  const handle = run(user, 'compare', options);
  const message = await handle.waitForOriginal(
    (candidate) => comparisonDone(candidate) || candidate.content.startsWith('⚠️'),
    15_000,
  );
  return { handle, message };
}

describe('/config', () => {
  it('is refused to members without Manage Server, and in DMs', async () => {
    const refused = run('alice', 'config', {}, { subcommand: 'show' });
    expect((await refused.waitForOriginal()).content).toContain('needs the Manage Server permission');
    expect(refused.ephemeral).toBe(true);
    const inDm = run('admin', 'config', {}, { subcommand: 'show', guildId: null });
    expect((await inDm.waitForOriginal()).content).toContain('works in a server');
  });

  it('changes the chat pipeline and the /compare set for this server, and shows them', async () => {
    const { discord, model } = harness;
    const saved = run('admin', 'config', { pipeline: 'cot' }, { subcommand: 'default-pipeline' });
    expect((await saved.waitForOriginal()).content).toContain('Chat and /ask pipeline: `cot`');
    await configure({ pipelines: 'plain, rules' }, 'compare-pipelines');

    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> 2+2?`,
      mentions: [discord.botUserId],
    });
    const reply = await discord.waitForMessage(
      (message) => message.reference?.messageId === asked.id && message.content.includes('-# '),
      { timeoutMs: 10_000 },
    );
    expect(reply.content).toContain('-# cot');
    expect(model.requests.some((request) => kindOf(request) === 'reason')).toBe(true);

    const { message } = await compareDone('alice', { prompt: 'hi' });
    expect(shownMessage(message).slots).toHaveLength(2);

    const shown = run('admin', 'config', {}, { subcommand: 'show' });
    const text = (await shown.waitForOriginal()).content;
    expect(text).toContain('/compare pipelines: `plain`, `rules`');
    expect(text).toContain('Comparisons per user per hour: 20 _(default)_');
    expect(text).toContain('Chat answers and /ask per user per hour: 60 _(default)_');
  });

  it('answers a negative or too-large limit with the allowed range, privately, and keeps the setting', async () => {
    const negative = run('admin', 'config', { 'per-hour': -5 }, { subcommand: 'rate-limit' });
    expect((await negative.waitForOriginal()).content).toBe(
      '⚠️ `per-hour` must be from 0 to 1000 (0 = unlimited); you gave -5. Nothing was changed.',
    );
    expect(negative.ephemeral).toBe(true);
    const tooLarge = run(
      'admin',
      'config',
      { 'per-hour': 5, 'answers-per-hour': 20_000 },
      { subcommand: 'rate-limit' },
    );
    expect((await tooLarge.waitForOriginal()).content).toBe(
      '⚠️ `answers-per-hour` must be from 0 to 10000 (0 = unlimited); you gave 20000. Nothing was changed.',
    );
    const budget = run('admin', 'config', { 'usd-per-day': -1 }, { subcommand: 'cost-cap' });
    expect((await budget.waitForOriginal()).content).toBe(
      '⚠️ `usd-per-day` must be from 0 to 10000 (0 = no cap); you gave -1. Nothing was changed.',
    );
    const shown = await run('admin', 'config', {}, { subcommand: 'show' }).waitForOriginal();
    expect(shown.content).toContain('Comparisons per user per hour: 20 _(default)_');
    expect(harness.loggedErrors).toEqual([]);
  });

  it('sends a pipeline’s calls to the overriding model', async () => {
    await configure({ pipeline: 'plain', model: 'llama3.1:70b' }, 'model');
    await compareDone('alice', { prompt: 'hi', pipelines: 'plain, cot' });
    const plainCall = harness.model.requests.find((request) => kindOf(request) === 'answer');
    const cotCall = harness.model.requests.find((request) => kindOf(request) === 'reason');
    expect(plainCall?.model).toBe('llama3.1:70b');
    expect(cotCall?.model).toBe('gpt-4o-mini');
  });

  it('tells a user over the hourly limit when the next comparison is allowed', async () => {
    await configure({ 'per-hour': 1 }, 'rate-limit');
    await compareDone('alice', { prompt: 'first', pipelines: 'plain, cot' });
    const second = run('alice', 'compare', { prompt: 'second', pipelines: 'plain, cot' });
    const refusal = await privateReply(harness.discord, second);
    expect(second.original()).toBeUndefined();
    expect(refusal.content).toMatch(/used your 1 comparison.*available in (\d+ minutes?|1 hour)/);
    const other = await compareDone('bob', { prompt: 'bob may', pipelines: 'plain, cot' });
    expect(shownMessage(other.message).slots).toHaveLength(2);
  });

  it('limits chat answers per user per hour, apart from comparisons', async () => {
    const { discord } = harness;
    await configure({ 'per-hour': 5, 'answers-per-hour': 1 }, 'rate-limit');
    const ask = (content: string) =>
      discord.sendMessage({
        channelId: discord.channelId,
        authorId: discord.userId('alice'),
        content: `<@${discord.botUserId}> ${content}`,
        mentions: [discord.botUserId],
      });
    const first = ask('one');
    await discord.waitForMessage(
      (message) => message.reference?.messageId === first.id && message.content.includes('-# '),
      { timeoutMs: 10_000 },
    );
    const second = ask('two');
    const refusal = await discord.waitForMessage((message) => message.reference?.messageId === second.id, {
      timeoutMs: 10_000,
    });
    expect(refusal.content).toMatch(/⚠️ You have used your 1 answer for this hour\. Your next one is available in/);
    const { message } = await compareDone('alice', { prompt: 'compares are counted apart', pipelines: 'plain, cot' });
    expect(shownMessage(message).slots).toHaveLength(2);
  });

  it('keeps the server unpublished until an admin runs /config publish on, and shows the choice after a restart', async () => {
    const line = 'Published on the public page and its dataset (personal details filtered out):';
    const before = await run('admin', 'config', {}, { subcommand: 'show' }).waitForOriginal();
    expect(before.content).toContain(`${line} no _(default)_`);
    const refused = run('alice', 'config', { state: 'on' }, { subcommand: 'publish' });
    expect((await refused.waitForOriginal()).content).toContain('needs the Manage Server permission');
    expect(refused.ephemeral).toBe(true);
    await configure({ state: 'on' }, 'publish');
    await harness.restart();
    const after = await run('admin', 'config', {}, { subcommand: 'show' }).waitForOriginal();
    expect(after.content).toContain(`${line} yes\n`);
    await configure({ state: 'off' }, 'publish');
    expect((await run('admin', 'config', {}, { subcommand: 'show' }).waitForOriginal()).content).toContain(
      `${line} no\n`,
    );
  });

  it('stops comparisons once the server’s daily budget is spent', async () => {
    await configure({ 'usd-per-day': 0.000001 }, 'cost-cap');
    await compareDone('alice', { prompt: 'costly', pipelines: 'plain, cot' });
    await eventually(async () => {
      if ((await harness.services.limits.spentToday(harness.discord.guildId)).usd <= 0.000001)
        throw new Error('cost not recorded yet');
    });
    const next = run('bob', 'compare', { prompt: 'more', pipelines: 'plain, cot' });
    expect((await privateReply(harness.discord, next)).content).toContain('daily model budget');
  });
});

describe('/forget-me', () => {
  it('deletes the caller’s votes and prompts and says how many', async () => {
    const { discord, services } = harness;
    const { message } = await compareDone('alice', { prompt: 'my secret question', pipelines: 'plain, cot' });
    await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined);
    discord.addReaction({ userId: discord.userId('alice'), messageId: message.id, emoji: '🇦' });
    discord.addReaction({ userId: discord.userId('bob'), messageId: message.id, emoji: '🇧' });
    const comparison = await services.comparisons.findByMessageId(message.id);
    await eventually(async () => {
      if ((await services.votes.votesFor(comparison?.id ?? '')).length !== 2) throw new Error('votes not stored yet');
    });

    const handle = run('alice', 'forget-me');
    const reply = await handle.waitForOriginal();
    expect(handle.ephemeral).toBe(true);
    expect(reply.content).toContain('deleted 1 vote, the text of 1 prompt you wrote and 0 remembered facts');
    const left = await services.votes.votesFor(comparison?.id ?? '');
    expect(left.map((vote) => vote.voterHash)).toEqual([services.hashUser(discord.userId('bob'))]);
    expect(JSON.stringify(await services.comparisons.get(comparison?.id ?? ''))).not.toContain('my secret question');
  });
});
