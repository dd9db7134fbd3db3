// `npm start` as a process, the way a user runs it: with DISCORD_API_URL and OPENAI_BASE_URL pointing at the
// local fakes it logs in, answers a command, and on SIGTERM shuts down cleanly with exit code 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { registerCommands } from '../../src/bot/register-commands.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.js';

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDir: string;
let bot: ChildProcess | undefined;

beforeEach(async () => {
  discord = await startFakeDiscord();
  model = await startFakeOpenAI();
  dataDir = await mkdtemp(path.join(tmpdir(), 'start-'));
});
afterEach(async () => {
  if (bot && bot.exitCode === null) {
    bot.kill('SIGKILL');
    await once(bot, 'exit');
  }
  await discord.close();
  await model.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('logs in through DISCORD_API_URL, answers, and exits 0 on SIGTERM', async () => {
    await registerCommands({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: discord.guildId }, commands);
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: discord.token,
        DISCORD_CLIENT_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        OPENAI_API_KEY: 'sk-test-secret',
        OPENAI_BASE_URL: model.baseURL,
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    bot.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await discord.waitForSession(1, 20_000);

    const handle = discord.runSlashCommand({ name: 'ask', userId: discord.userId('alice'), options: { prompt: 'hello' } });
    const reply = await handle.waitForOriginal((message) => message.content.includes('-# '), 15_000);
    expect(reply.content).toContain('echo: hello');

    bot.kill('SIGTERM');
    const [code] = (await once(bot, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('logged in as');
    expect(output).not.toContain(discord.token);
    expect(output).not.toContain('sk-test-secret');
  }, 60_000);
});
