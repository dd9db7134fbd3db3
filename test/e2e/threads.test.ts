// Threads end to end: a mention or /ask opens a thread where every message is a turn without a mention, with
// the thread as history (within the depth limit); /compare opens a discussion thread; threads survive restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

const finalAnswerIn = (channelId: string, after: string) =>
  harness.discord.waitForMessage(
    (message) =>
      message.authorId === harness.discord.botUserId &&
      message.reference?.messageId === after &&
      message.content.includes('-# '),
    { channelId, timeoutMs: 10_000 },
  );
const dialogue = (index: number) =>
  harness.model.requests[index]?.messages.filter((message) => message.role !== 'system');

describe('threads', () => {
  it('opens a thread on a mention and answers every later message there without a mention', async () => {
    harness = await startHarness({ env: { CHAT_THREADS: 'on' } });
    const { discord, model } = harness;
    let turn = 0;
    model.respond(() => ({ text: `answer ${++turn}` }));
    const alice = discord.userId('alice');
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: alice,
      content: `<@${discord.botUserId}> my cat is grey`,
      mentions: [discord.botUserId],
    });
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    expect(thread.id).toBe(asked.id); // started from the message, as Discord does
    expect(thread.name).toBe('my cat is grey');
    await discord.waitForMessage((message) => message.channelId === thread.id && message.content.includes('-# plain'), {
      timeoutMs: 10_000,
    });

    const second = discord.sendMessage({ channelId: thread.id, authorId: alice, content: 'what colour is it?' });
    await finalAnswerIn(thread.id, second.id);
    const third = discord.sendMessage({
      channelId: thread.id,
      authorId: discord.userId('bob'),
      content: 'and how old?',
    });
    await finalAnswerIn(thread.id, third.id);

    expect(model.requests).toHaveLength(3);
    expect(dialogue(2)).toEqual([
      { role: 'user', content: 'alice: my cat is grey' },
      { role: 'assistant', content: 'answer 1' },
      { role: 'user', content: 'alice: what colour is it?' },
      { role: 'assistant', content: 'answer 2' },
      { role: 'user', content: 'bob: and how old?' },
    ]);
    expect(discord.messages(discord.channelId).filter((message) => message.authorId === discord.botUserId)).toEqual([]);
  });

  it('cuts a long thread to the history depth and says so', async () => {
    harness = await startHarness({ env: { CHAT_THREADS: 'on', CHAT_HISTORY_DEPTH: '2' } });
    const { discord, model } = harness;
    model.respond((request) => ({ text: `re: ${request.user}` }));
    const alice = discord.userId('alice');
    discord.sendMessage({
      channelId: discord.channelId,
      authorId: alice,
      content: `<@${discord.botUserId}> one`,
      mentions: [discord.botUserId],
    });
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    await discord.waitForMessage((message) => message.channelId === thread.id && message.content.includes('-# '), {
      timeoutMs: 10_000,
    });
    const second = discord.sendMessage({ channelId: thread.id, authorId: alice, content: 'two' });
    await finalAnswerIn(thread.id, second.id);
    const third = discord.sendMessage({ channelId: thread.id, authorId: alice, content: 'three' });
    const reply = await finalAnswerIn(thread.id, third.id);
    expect(reply.content).toContain('⚠️ Only the last 2 earlier messages were used');
    expect(dialogue(2)).toEqual([
      { role: 'user', content: 'alice: two' },
      { role: 'assistant', content: 're: alice: two' },
      { role: 'user', content: 'alice: three' },
    ]);
  });

  it('continues an /ask in its thread with the prompt as history, also after a restart', async () => {
    harness = await startHarness();
    const { discord, model } = harness;
    model.respond((request) => ({ text: `re: ${request.user}` }));
    const alice = discord.userId('alice');
    const handle = discord.runSlashCommand({
      name: 'ask',
      userId: alice,
      options: { prompt: 'name a red fruit', thread: true },
    });
    const answer = await handle.waitForOriginal((message) => message.content.includes('-# '), 10_000);
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    expect(thread.id).toBe(answer.id);

    await harness.restart();
    const followUp = discord.sendMessage({ channelId: thread.id, authorId: alice, content: 'another one?' });
    await finalAnswerIn(thread.id, followUp.id);
    expect(dialogue(1)).toEqual([
      { role: 'user', content: 'alice: name a red fruit' },
      { role: 'assistant', content: 're: alice: name a red fruit' },
      { role: 'user', content: 'alice: another one?' },
    ]);
  });

  it('opens a discussion thread for /compare where it answers only when mentioned', async () => {
    harness = await startHarness();
    const { discord, model } = harness;
    const alice = discord.userId('alice');
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: alice,
      options: { prompt: 'why is the sky blue?', pipelines: 'plain, cot', thread: true },
    });
    const card = await handle.waitForOriginal(comparisonDone, 10_000);
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    expect(thread.id).toBe(card.id);
    expect(thread.name).toBe('Discuss: why is the sky blue?');
    await discord.waitForMessage(
      (message) => message.channelId === thread.id && message.content.includes('Discuss the answers here'),
    );
    const before = model.requests.length;

    discord.sendMessage({ channelId: thread.id, authorId: discord.userId('bob'), content: 'I prefer A' });
    const asked = discord.sendMessage({
      channelId: thread.id,
      authorId: alice,
      content: `<@${discord.botUserId}> which is right?`,
      mentions: [discord.botUserId],
    });
    await finalAnswerIn(thread.id, asked.id);
    expect(model.requests.length - before).toBe(1);
  });

  it('answers in the channel with a note when it may not open threads', async () => {
    harness = await startHarness({ env: { CHAT_THREADS: 'on' } });
    const { discord } = harness;
    discord.denyPermissions(discord.channelId, ['CreatePublicThreads']);
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> hi`,
      mentions: [discord.botUserId],
    });
    const reply = await finalAnswerIn(discord.channelId, asked.id);
    expect(reply.content).toContain(
      '⚠️ I could not open a thread here (I need Create Public Threads and Send Messages in Threads), so I answered here',
    );
    expect(discord.threads(discord.channelId)).toEqual([]);
  });
});
