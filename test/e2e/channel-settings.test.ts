// Per-channel settings end to end: a persona, pipeline and model set with /channel (Manage Server or Manage
// Channels) reach the model for chat and /ask in that channel only, are validated, and show in /config show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    discord: {
      users: [
        { username: 'admin', permissions: ['ManageGuild'] },
        { username: 'mod', permissions: ['ManageChannels'] },
        'alice',
      ],
    },
    servedModels: ['fake-model', 'pirate-model-7b'],
  });
});
afterEach(async () => {
  await harness.stop();
});

const run = (
  user: string,
  name: string,
  subcommand: string | undefined,
  options: Record<string, string | boolean> = {},
  channelId?: string,
) => harness.discord.runSlashCommand({ name, subcommand, userId: harness.discord.userId(user), options, channelId });

async function setChannel(subcommand: string, options: Record<string, string>): Promise<string> {
  const reply = await run('mod', 'channel', subcommand, options).waitForOriginal();
  if (!reply.content.startsWith('✅ Saved.')) throw new Error(`channel setting not saved: ${reply.content}`);
  return reply.content;
}

const mention = (channelId: string, text: string) => {
  const { discord } = harness;
  const asked = discord.sendMessage({
    channelId,
    authorId: discord.userId('alice'),
    content: `<@${discord.botUserId}> ${text}`,
    mentions: [discord.botUserId],
  });
  return discord.waitForMessage(
    (message) => message.reference?.messageId === asked.id && message.content.includes('-# '),
    { timeoutMs: 10_000 },
  );
};

describe('/channel', () => {
  it('gives the model the channel’s persona as its system message in chat and /ask, and only in that channel', async () => {
    const { discord, model } = harness;
    const persona = 'You are Captain Hook. Answer like a pirate.';
    const saved = await setChannel('persona', { prompt: persona });
    expect(saved).toContain(persona);

    await mention(discord.channelId, 'hello');
    expect(model.requests[0]?.system).toBe(persona);
    const ask = run('alice', 'ask', undefined, { prompt: 'who are you?' });
    await ask.waitForOriginal((message) => message.content.includes('-# '), 10_000);
    expect(model.requests[1]?.system).toBe(persona);

    await mention(discord.channelIds.votes ?? '', 'hello');
    expect(model.requests[2]?.system).toContain('You are a helpful, honest assistant');
  });

  it('runs the channel’s pipeline, and any pipeline chosen there, with the channel’s model', async () => {
    const { discord, model } = harness;
    await setChannel('pipeline', { pipeline: 'cot' });
    await setChannel('model', { model: 'pirate-model-7b' });
    const reply = await mention(discord.channelId, '2+2?');
    expect(reply.content).toContain('-# cot');
    expect(model.requests.map((request) => request.model)).toEqual(['pirate-model-7b', 'pirate-model-7b']);
    const ask = run('alice', 'ask', undefined, { prompt: 'hi', pipeline: 'plain' });
    expect((await ask.waitForOriginal((message) => message.content.includes('-# '), 10_000)).content).toContain(
      '-# plain',
    );
    expect(model.requests[2]?.model).toBe('pirate-model-7b'); // a chosen pipeline still runs on the channel's model

    await setChannel('reset', {});
    const after = await mention(discord.channelId, '2+2?');
    expect(after.content).toContain('-# plain');
  });

  it('refuses members without Manage Server or Manage Channels, unknown pipelines and overlong personas', async () => {
    const refused = run('alice', 'channel', 'show');
    expect((await refused.waitForOriginal()).content).toContain(
      'needs the Manage Server or Manage Channels permission',
    );
    expect(refused.ephemeral).toBe(true);
    const byAdmin = run('admin', 'channel', 'pipeline', { pipeline: 'nope' });
    expect((await byAdmin.waitForOriginal()).content).toContain('There is no pipeline called "nope"');
    const long = run('mod', 'channel', 'persona', { prompt: 'x'.repeat(2001) });
    expect((await long.waitForOriginal()).content).toContain('the limit is 2000');
  });

  it('refuses privately a model the model server does not serve, naming those it does, and keeps the channel’s model', async () => {
    const { discord, model } = harness;
    await setChannel('model', { model: 'pirate-model-7b' });
    const refused = run('mod', 'channel', 'model', { model: 'pirate-modle-7b' });
    expect((await refused.waitForOriginal()).content).toBe(
      '⚠️ The model server does not serve `pirate-modle-7b`. It serves: `fake-model`, `pirate-model-7b`.',
    );
    expect(refused.ephemeral).toBe(true);
    const shortened = run('mod', 'channel', 'model', { model: 'pirate-model' });
    expect((await shortened.waitForOriginal()).content).toBe(
      '⚠️ The model server does not serve `pirate-model`. Close names it serves: `pirate-model-7b`.',
    );

    await mention(discord.channelId, 'hello');
    expect(model.requests.map((request) => request.model)).toEqual(['pirate-model-7b']);
  });

  it('is listed by /config show with the server’s thread default, which /config threads changes', async () => {
    const { discord } = harness;
    await setChannel('persona', { prompt: 'You are a patient maths tutor.' });
    await setChannel('pipeline', { pipeline: 'cot' });
    const threads = await run('admin', 'config', 'threads', { on: true }).waitForOriginal();
    expect(threads.content).toContain('Chat mentions and /ask continue in a thread: yes');
    expect(threads.content).toContain(
      `<#${discord.channelId}>: pipeline \`cot\`, persona “You are a patient maths tutor.”`,
    );

    discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> what is a prime?`,
      mentions: [discord.botUserId],
    });
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    await discord.waitForMessage((message) => message.channelId === thread.id && message.content.includes('-# cot'), {
      timeoutMs: 10_000,
    });
  });
});
