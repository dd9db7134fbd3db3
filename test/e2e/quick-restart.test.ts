// A crash in the middle of /compare, then a quick restart: the bot, started as in production (`node
// src/main.ts`) and killed with SIGKILL while one answer is still being written, finishes the comparison at its
// next start without waiting out the pipeline time budget, and edits the original message through the /compare's
// interaction (valid for 15 minutes): the lost answer is marked interrupted, the one that came through gets its
// vote reactions, and the reveal button appears. The interaction token is kept sealed with a key derived from the
// bot token: the store's files never hold it in clear. A comparison posted in the embed layout before a switch to
// Components v2 (the default) is finished in the layout it was posted in, as Discord requires.
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { openData } from '../../src/app/open-data.ts';
import { type BotProcess, fakeServiceSettings, killBotProcess, startBotProcess } from '../fixtures/bot-process.ts';
import { eventually } from '../fixtures/eventually.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

const QUIET = { info: () => {}, warn: () => {} };

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  discord = await startFakeDiscord();
  model = await startFakeOpenAI();
  dataDir = await mkdtemp(path.join(tmpdir(), 'quick-restart-'));
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: discord.guildId },
    commands,
  );
});
afterEach(async () => {
  killBotProcess(bot);
  await discord.close();
  await model.close();
  await rm(dataDir, { recursive: true, force: true });
});

function startBot(layout: Record<string, string>): BotProcess {
  return startBotProcess({ ...fakeServiceSettings(discord, model), ...layout, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
}

const RUNS = [
  ['Components v2 (the default)', {}, 'components-v2'],
  ['embeds, restarted with the default Components v2', { MESSAGE_LAYOUT: 'embeds' }, 'embeds'],
] as const;

describe.each(RUNS)('a quick restart after a crash mid-/compare posted in %s', (_name, before, layout) => {
  it('finishes the comparison and edits its message in its layout, with vote reactions for the answer that came through', async () => {
    // The plain answer comes back; every chain-of-thought call hangs, so the crash finds that slot unfinished.
    model.respond((request) => (kindOf(request) === 'answer' ? { text: 'Call it Pebble.' } : { hang: true }));
    bot = startBot(before);
    await discord.waitForSession(1, 20_000);
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Name my cat', pipelines: 'plain,cot' },
    });
    const running = await handle.waitForOriginal(
      (message) => shownMessage(message).slots.some((slot) => slot.answer.includes('Pebble')),
      20_000,
    );
    expect(shownMessage(running)).toMatchObject({ layout, done: false }); // no reveal button yet: still running
    const pebbleSlot = shownMessage(running).slots.findIndex((slot) => slot.answer.includes('Pebble'));
    const [pebbleLetter, lostLetter] = pebbleSlot === 0 ? ['🇦', '🇧'] : ['🇧', '🇦'];
    // The message can show an answer a moment before the store has it; crash once it is stored.
    const storedStatuses = async () => {
      const data = await openData({ dataDir }, QUIET);
      try {
        return (await data.comparisons.findByMessageId(running.id))?.slots.map((slot) => slot.status) ?? [];
      } finally {
        await data.store.close();
      }
    };
    await eventually(async () => expect((await storedStatuses()).toSorted()).toEqual(['ok', 'pending']));
    const files = await Promise.all((await readdir(dataDir)).map((name) => readFile(path.join(dataDir, name))));
    expect(files.some((bytes) => bytes.includes('Name my cat'))).toBe(true); // the files are readable as they are
    expect(files.some((bytes) => bytes.includes(handle.token))).toBe(false);

    const exited = once(bot.process, 'exit');
    bot.process.kill('SIGKILL');
    await exited;
    bot = startBot({});

    const finished = await handle.waitForOriginal(comparisonDone, 30_000);
    const shown = shownMessage(finished);
    expect(shown.layout).toBe(layout);
    expect(shown.slots.map((slot) => slot.status).toSorted()).toEqual(['done', 'failed']);
    expect(shown.slots.filter((slot) => slot.answer.includes('Pebble'))).toHaveLength(1);
    expect(shown.slots.find((slot) => slot.status === 'failed')?.answer).toBe('Cancelled.');
    // The vote reactions went up with the message, before the crash: recovery takes back the lost answer's letter.
    const settled = (shown: string) => shown.includes(pebbleLetter) && !shown.includes(lostLetter);
    const reactions = await discord.waitFor(
      () => (settled(JSON.stringify(discord.reactions(finished.id))) ? discord.reactions(finished.id) : undefined),
      { timeoutMs: 10_000, description: 'the ballot of the answer that came through' },
    );
    expect(JSON.stringify(reactions)).toContain(pebbleLetter);
    expect(JSON.stringify(reactions)).not.toContain(lostLetter);
    expect(await storedStatuses()).toContain('cancelled');
  }, 90_000);
});
