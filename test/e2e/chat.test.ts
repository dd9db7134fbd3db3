// Chat and /ask end to end: mentions, DMs and replies get answers with the reply chain as history,
// streamed by edits, with typing shown; model text can never ping anyone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ env: { CHAT_HISTORY_DEPTH: '3' } });
});
afterEach(async () => {
  await harness.stop();
});

const botReplyTo = (messageId: string) =>
  harness.discord.waitForMessage(
    (message) =>
      message.authorId === harness.discord.botUserId &&
      message.reference?.messageId === messageId &&
      message.content.includes('-# '),
    { timeoutMs: 10_000 },
  );

describe('chat', () => {
  it('answers a mention through the default pipeline, with typing and a footer', async () => {
    const { discord, model } = harness;
    model.respond(() => ({ text: 'The sky is blue because of Rayleigh scattering.' }));
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> why is the sky blue?`,
      mentions: [discord.botUserId],
    });
    const reply = await botReplyTo(asked.id);
    expect(reply.content).toContain('Rayleigh scattering');
    expect(reply.content).toMatch(/-# plain · \d+\.\d s · 1 call/);
    expect(model.requests[0]?.messages.at(-1)).toEqual({ role: 'user', content: 'alice: why is the sky blue?' }); // named: others may talk here too
    expect(discord.typing.some((entry) => entry.channelId === discord.channelId)).toBe(true);
  });

  it('ignores messages that do not address it', async () => {
    const { discord, model } = harness;
    discord.sendMessage({ channelId: discord.channelId, authorId: discord.userId('alice'), content: 'just chatting' });
    const marker = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('bob'),
      content: `<@${discord.botUserId}> hi`,
      mentions: [discord.botUserId],
    });
    await botReplyTo(marker.id);
    expect(model.requests).toHaveLength(1);
  });

  it('follows the reply chain as conversation history, oldest first', async () => {
    const { discord, model } = harness;
    let turn = 0;
    model.respond(() => ({ text: `answer ${++turn}` }));
    const first = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> my cat is grey`,
      mentions: [discord.botUserId],
    });
    const firstReply = await botReplyTo(first.id);
    const second = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: 'what colour is my cat?',
      referencedMessageId: firstReply.id,
    });
    await botReplyTo(second.id);
    expect(model.requests[1]?.messages.filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', content: 'alice: my cat is grey' },
      { role: 'assistant', content: 'answer 1' },
      { role: 'user', content: 'alice: what colour is my cat?' },
    ]);
  });

  it('answers a reply to a comparison without treating the comparison card as something it said', async () => {
    const { discord, model } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipelines: 'plain, cot' },
    });
    const card = await handle.waitForOriginal(comparisonDone, 10_000);
    const requestsBefore = model.requests.length;
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: 'which one is best?',
      referencedMessageId: card.id,
    });
    await botReplyTo(asked.id);
    const chatRequest = model.requests[requestsBefore];
    expect(chatRequest?.messages.filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', content: 'alice: which one is best?' },
    ]);
  });

  it('says when the history was cut to the configured depth', async () => {
    const { discord, model } = harness;
    model.respond(() => ({ text: 'ok' }));
    let previous = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: 'm0',
    });
    for (let index = 1; index <= 4; index++) {
      previous = discord.sendMessage({
        channelId: discord.channelId,
        authorId: discord.userId('alice'),
        content: `m${index}`,
        referencedMessageId: previous.id,
      });
    }
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> last`,
      mentions: [discord.botUserId],
      referencedMessageId: previous.id,
    });
    const reply = await botReplyTo(asked.id);
    expect(reply.content).toContain('⚠️ Only the last 3 earlier messages were used');
    expect(model.requests[0]?.messages.filter((message) => message.role === 'user').at(0)?.content).toContain('m2');
  });

  it('answers in DMs', async () => {
    const { discord } = harness;
    const dm = discord.dmChannelId(discord.userId('bob'));
    const asked = discord.sendMessage({ channelId: dm, authorId: discord.userId('bob'), content: 'hello there' });
    const reply = await botReplyTo(asked.id);
    expect(reply.content).toContain('answer to: hello there');
  });

  it('streams a long answer by edits and splits it into several messages without pinging anyone', async () => {
    const { discord, model } = harness;
    const long = `@everyone <@&123> ${'word '.repeat(700)}end.`;
    model.respond(() => ({ text: long, chunkDelayMs: 2 }));
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> talk`,
      mentions: [discord.botUserId],
    });
    const last = await discord.waitForMessage(
      (message) => message.authorId === discord.botUserId && message.content.includes('end.'),
      { timeoutMs: 15_000 },
    );
    const fromBot = discord.messages(discord.channelId).filter((message) => message.authorId === discord.botUserId);
    expect(fromBot.length).toBeGreaterThanOrEqual(2);
    expect(fromBot.every((message) => message.content.length <= 2000)).toBe(true);
    expect(fromBot.every((message) => !message.pinged.everyone && message.pinged.roles.length === 0)).toBe(true);
    expect(fromBot[0]?.reference?.messageId).toBe(asked.id);
    expect(fromBot[0]?.versions.length).toBeGreaterThan(1); // streamed in by edits
    expect(last.content).toContain('-# plain');
  });

  it('shows the model server’s failure as a short reason', async () => {
    const { discord, model } = harness;
    model.respond(() => ({ status: 401 }));
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> hi`,
      mentions: [discord.botUserId],
    });
    const reply = await botReplyTo(asked.id);
    expect(reply.content).toContain('⚠️ The model server rejected the API key.');
    expect(reply.content).not.toContain('sk-test-secret');
  });
});

describe('/ask', () => {
  it('answers with the chosen pipeline, not blind, with its figures', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'ask',
      userId: discord.userId('alice'),
      options: { prompt: 'What is 2+2?', pipeline: 'cot' },
    });
    const reply = await handle.waitForOriginal((message) => message.content.includes('-# '), 10_000);
    expect(reply.content).toContain('The answer is 4.');
    expect(reply.content).toMatch(/-# cot · \d+\.\d s · 2 calls · \d+ tok/);
  });

  it('refuses an unknown pipeline privately', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'ask',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipeline: 'nope' },
    });
    const reply = await handle.waitForOriginal();
    expect(handle.ephemeral).toBe(true);
    expect(reply.content).toContain('There is no pipeline called "nope"');
  });
});

describe('/pipelines', () => {
  it('lists every pipeline with its description, privately', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({ name: 'pipelines', userId: discord.userId('alice') });
    const reply = await handle.waitForOriginal();
    expect(handle.ephemeral).toBe(true);
    for (const id of ['plain', 'cot', 'rules', 'constitution', 'best-of-n', 'few-shot'])
      expect(reply.content).toContain(`**${id}**`);
  });
});
