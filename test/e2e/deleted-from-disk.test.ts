// What people delete leaves the disk, not only the store's answers: after /forget-me, and after retention blanks
// old prompts, the bytes of the SQLite file and its -wal/-shm files (read as `strings` would) hold none of the
// forgotten text, while the bot keeps running.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { aStoredComparison, aResult } from '../fakes/stored-comparison.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

const PROMPT = 'Which quokka whispers at midnight';
const FACT = 'Keeps an axolotl named Wobblefin';

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

async function start(env: Record<string, string> = {}) {
  harness = await startHarness({ env, scrubEveryMs: 100 });
  const answers = pipelineAnswers();
  harness.model.respond((request, index) =>
    request.system.includes('long-term memory of a chat user')
      ? { text: JSON.stringify({ facts: request.user.includes('axolotl') ? [FACT] : [] }) }
      : answers(request, index),
  );
}

/** Which of `texts` occur in the bytes of any file in the data directory (the store, its WAL, the vote journal). */
async function onDisk(texts: string[]): Promise<string[]> {
  const dataDir = harness.services.settings.DATA_DIR;
  const files = await Promise.all(
    (await readdir(dataDir)).map((name) => readFile(path.join(dataDir, name)).catch(() => Buffer.alloc(0))),
  );
  return texts.filter((text) => files.some((bytes) => bytes.includes(Buffer.from(text))));
}

const command = async (user: string, name: string, options: Record<string, string> = {}, subcommand?: string) => {
  const handle = harness.discord.runSlashCommand({ name, subcommand, options, userId: harness.discord.userId(user) });
  return {
    handle,
    reply: await handle.waitForOriginal((message) => message.content !== '' || comparisonDone(message), 15_000),
  };
};

describe('deleted data on disk', () => {
  it('holds none of a forgotten prompt, memory fact or interaction token once /forget-me is done', async () => {
    await start();
    const { discord, services } = harness;
    await command('alice', 'memory', {}, 'on');
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> I have an axolotl`,
      mentions: [discord.botUserId],
    });
    await discord.waitForMessage((message) => message.reference?.messageId === asked.id, { timeoutMs: 10_000 });
    await eventually(async () =>
      expect(
        (await services.memory.read(services.hashUser(discord.userId('alice'))))?.facts.map((fact) => fact.text),
      ).toEqual([FACT]),
    );
    const { handle } = await command('alice', 'compare', { prompt: PROMPT, pipelines: 'plain, cot' });
    // Checks the check: before forgetting, the texts are there to be found.
    await eventually(async () => expect(await onDisk([PROMPT, FACT])).toEqual([PROMPT, FACT]));

    const { reply } = await command('alice', 'forget-me');
    expect(reply.content).toContain('1 remembered fact');

    await eventually(async () => expect(await onDisk([PROMPT, FACT, handle.token])).toEqual([]), { timeoutMs: 10_000 });
  });

  it('holds none of the prompts retention blanked', async () => {
    await start({ RETENTION_DAYS: '30' });
    const old = aStoredComparison({
      id: 'old-one',
      createdAt: '2020-01-01T10:00:00.000Z',
      conversation: [{ role: 'user', content: PROMPT }],
      status: 'done',
    });
    await harness.services.comparisons.save({
      ...old,
      slots: old.slots.map((slot) => ({ ...slot, result: aResult(slot.pipelineId, PROMPT) })),
    });
    await eventually(async () => expect(await onDisk([PROMPT])).toEqual([PROMPT]));

    await harness.restart(); // retention runs at every start
    await eventually(async () => expect((await harness.services.comparisons.get('old-one'))?.conversation).toEqual([]));
    await eventually(async () => expect(await onDisk([PROMPT])).toEqual([]), { timeoutMs: 10_000 });
  });
});
