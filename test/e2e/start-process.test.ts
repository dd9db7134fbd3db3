// `npm start` as a process, the way an operator runs it under systemd, Docker or pm2: with DISCORD_API_URL and
// OPENAI_BASE_URL pointing at the local fakes it logs in, answers a command, and SIGTERM or SIGINT sent to the
// npm process itself shuts the bot down cleanly, exit code 0, with no process of its group left behind.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import {
  type BotProcess,
  fakeServiceSettings,
  groupAlive,
  killBotProcess,
  startBotProcess,
} from '../fixtures/bot-process.ts';
import { eventually } from '../fixtures/eventually.ts';

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  discord = await startFakeDiscord();
  model = await startFakeOpenAI();
  dataDir = await mkdtemp(path.join(tmpdir(), 'start-'));
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

function npmStart(): BotProcess {
  // The npm that runs this test (npm_execpath) under the node that runs it, so Node 22 and 24 both check theirs.
  const npm = process.env.npm_execpath;
  return startBotProcess(
    { ...fakeServiceSettings(discord, model), DATA_DIR: dataDir },
    npm ? [process.execPath, npm, 'start'] : ['npm', 'start'],
  );
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`answers, then exits 0 on ${signal} to the npm process and leaves no bot process`, async () => {
      bot = npmStart();
      await discord.waitForSession(1, 20_000);

      const handle = discord.runSlashCommand({
        name: 'ask',
        userId: discord.userId('alice'),
        options: { prompt: 'hello' },
      });
      const reply = await handle.waitForOriginal((message) => message.content.includes('-# '), 15_000);
      expect(reply.content).toContain('echo: alice: hello');

      const exited = once(bot.process, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      bot.process.kill(signal);
      const deadline = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`npm start still running 20 s after ${signal}`)), 20_000).unref(),
      );
      const [code, killedBy] = await Promise.race([exited, deadline]);
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
      expect(bot.output()).toContain('finishing running answers');
      const leader = bot.process.pid ?? 0;
      await eventually(() => expect(groupAlive(leader)).toBe(false), { timeoutMs: 5000 });
      expect(bot.output()).not.toContain(discord.token);
      expect(bot.output()).not.toContain('sk-test-secret');
    }, 60_000);
  }
});
