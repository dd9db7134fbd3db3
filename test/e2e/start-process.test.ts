// `npm start` as a process, the way an operator runs it under systemd, Docker or pm2: with DISCORD_API_URL and
// OPENAI_BASE_URL pointing at the local fakes it logs in, answers a command, and SIGTERM or SIGINT sent to the
// npm process itself shuts the bot down cleanly, exit code 0, with no process of its group left behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { eventually } from '../fixtures/eventually.ts';

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDir: string;
let bot: ChildProcess | undefined;

/** True while any process of the group led by `leader` is alive (signal 0 only checks). */
function groupAlive(leader: number): boolean {
  try {
    process.kill(-leader, 0);
    return true;
  } catch {
    return false;
  }
}

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
  if (bot?.pid && groupAlive(bot.pid)) process.kill(-bot.pid, 'SIGKILL');
  await discord.close();
  await model.close();
  await rm(dataDir, { recursive: true, force: true });
});

function npmStart(): { process: ChildProcess; output: () => string } {
  // The npm that runs this test (npm_execpath) under the node that runs it, so Node 20 and 24 both check theirs.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
  const child = spawn(command, args, {
    // Its own process group, as under a service manager, so the test can see every process it started.
    detached: true,
    env: {
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
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
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: child, output: () => output };
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`answers, then exits 0 on ${signal} to the npm process and leaves no bot process`, async () => {
      const started = npmStart();
      bot = started.process;
      await discord.waitForSession(1, 20_000);

      const handle = discord.runSlashCommand({
        name: 'ask',
        userId: discord.userId('alice'),
        options: { prompt: 'hello' },
      });
      const reply = await handle.waitForOriginal((message) => message.content.includes('-# '), 15_000);
      expect(reply.content).toContain('echo: alice: hello');

      const exited = once(bot, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      bot.kill(signal);
      const deadline = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`npm start still running 20 s after ${signal}`)), 20_000).unref(),
      );
      const [code, killedBy] = await Promise.race([exited, deadline]);
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
      expect(started.output()).toContain('finishing running answers');
      const leader = bot.pid ?? 0;
      await eventually(() => expect(groupAlive(leader)).toBe(false), { timeoutMs: 5000 });
      expect(started.output()).not.toContain(discord.token);
      expect(started.output()).not.toContain('sk-test-secret');
    }, 60_000);
  }
});
