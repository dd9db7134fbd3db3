// Who said what: in a thread several people talk in, every person's message reaches the model as its own user
// turn named after its author, and the memory step of an opted-in user reads only that user's own words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakes/openai-server.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
  harness.model.respond((request) =>
    isMemoryStep(request) ? { text: JSON.stringify({ facts: [] }) } : { text: `answer to: ${request.user}` },
  );
});
afterEach(async () => {
  await harness.stop();
});

const isMemoryStep = (request: RecordedRequest) => request.system.includes('long-term memory of a chat user');
const dialogueOf = (request: RecordedRequest | undefined) =>
  request?.messages.filter((message) => message.role !== 'system');

describe('speakers in a shared thread', () => {
  it('sends each person’s message as a separate turn named after them, and learns only from the opted-in asker’s words', async () => {
    const { discord, model } = harness;
    const alice = discord.userId('alice');
    const memoryOn = discord.runSlashCommand({ name: 'memory', subcommand: 'on', userId: alice });
    await memoryOn.waitForOriginal();
    const compare = discord.runSlashCommand({
      name: 'compare',
      userId: alice,
      options: { prompt: 'what should we cook?', pipelines: 'plain, cot', thread: true },
    });
    await compare.waitForOriginal(comparisonDone, 10_000);
    const thread = await discord.waitFor(() => discord.threads(discord.channelId)[0]);
    await discord.waitForMessage(
      (message) => message.channelId === thread.id && message.content.includes('Discuss the answers here'),
    );

    discord.sendMessage({ channelId: thread.id, authorId: discord.userId('bob'), content: 'I love pizza' });
    const asked = discord.sendMessage({
      channelId: thread.id,
      authorId: alice,
      content: `<@${discord.botUserId}> what does Bob like? I like sushi`,
      mentions: [discord.botUserId],
    });
    await discord.waitForMessage(
      (message) => message.reference?.messageId === asked.id && message.content.includes('-# '),
      { channelId: thread.id, timeoutMs: 10_000 },
    );
    await eventually(() => expect(model.requests.filter(isMemoryStep)).toHaveLength(1));

    const answer = model.requests.filter((request) => !isMemoryStep(request)).at(-1);
    expect(dialogueOf(answer)).toEqual([
      { role: 'user', content: 'bob: I love pizza' },
      { role: 'user', content: 'alice: what does Bob like? I like sushi' },
    ]);
    const memoryStep = model.requests.find(isMemoryStep);
    expect(dialogueOf(memoryStep)).toEqual([{ role: 'user', content: 'what does Bob like? I like sushi' }]);
  });
});
