// A new operator follows the README: copy .env.example to .env unchanged, fill the three required values, run
// `npm start`. Every empty line of the file (SHARDS=, METRICS_PORT=, JUDGE_MODEL=, ...) must mean "use the
// default", also for the variables discord.js reads on its own, and a value that cannot be read is named with it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';

let discord: FakeDiscord;
let model: FakeOpenAI;
let checkout: string;
let bot: ChildProcess | undefined;

beforeEach(async () => {
  discord = await startFakeDiscord();
  model = await startFakeOpenAI();
  // A fresh clone as the operator has it: the repository's files, and no .env or data/ yet. Symlinks stand in
  // for a copy; `npm start` runs here, so .env, DATA_DIR=data and PROMPTS_DIR=prompts are read from here.
  checkout = await mkdtemp(path.join(tmpdir(), 'fresh-clone-'));
  for (const entry of ['package.json', 'tsconfig.json', 'node_modules', 'src', 'commands', 'prompts']) {
    await symlink(path.resolve(entry), path.join(checkout, entry));
  }
  await copyFile(path.resolve('.env.example'), path.join(checkout, '.env'));
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: discord.guildId },
    commands,
  );
});
afterEach(async () => {
  if (bot?.pid !== undefined && bot.exitCode === null) process.kill(-bot.pid, 'SIGKILL');
  await discord.close();
  await model.close();
  await rm(checkout, { recursive: true, force: true });
});

/** Edits `NAME=<documented value>` in the copied .env as an operator would; the line must exist exactly once. */
async function setInEnvFile(values: Record<string, string>): Promise<void> {
  const file = path.join(checkout, '.env');
  let text = await readFile(file, 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=.*$`, 'gm');
    expect(text.match(line), `${name} in .env.example`).toHaveLength(1);
    text = text.replace(line, `${name}=${value}`);
  }
  await writeFile(file, text);
}

/** The three values the README asks for, and the two URLs that send the bot to the local fakes instead of the internet. */
const fillRequired = () =>
  setInEnvFile({
    DISCORD_TOKEN: discord.token,
    DISCORD_CLIENT_ID: discord.applicationId,
    OPENAI_API_KEY: 'sk-test-secret',
    DISCORD_API_URL: discord.apiUrl,
    OPENAI_BASE_URL: model.baseURL,
  });

/** `npm start` in the checkout, with nothing in its environment but PATH (and what `extra` adds). */
function npmStart(extra: Record<string, string> = {}): { process: ChildProcess; output: () => string } {
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
  const child = spawn(command, args, {
    cwd: checkout,
    detached: true,
    env: { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: child, output: () => output };
}

/** A TCP port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The status of GET `url`, or the code of the connection error (ECONNREFUSED when nothing listens there). */
async function reach(url: string): Promise<number | string> {
  try {
    // Only a guard against a firewall that drops packets: the first page load counts the board, slow under load.
    return (await fetch(url, { signal: AbortSignal.timeout(30_000) })).status;
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return cause?.code ?? String(error);
  }
}

describe('npm start with .env copied from .env.example', () => {
  it('logs in and answers when only the required values are filled in', async () => {
    await fillRequired();
    // Empty variables in the service's own environment follow the same rule: SHARD_COUNT (read by discord.js) is
    // unset, and an empty DISCORD_TOKEN does not hide the token written in .env.
    const started = npmStart({ SHARD_COUNT: '', DISCORD_TOKEN: '' });
    bot = started.process;
    const exited = once(bot, 'exit').then(() => {
      throw new Error(`npm start exited:\n${started.output()}`);
    });
    await Promise.race([discord.waitForSession(1, 45_000), exited]);

    const handle = discord.runSlashCommand({
      name: 'ask',
      userId: discord.userId('alice'),
      options: { prompt: 'hello' },
    });
    const reply = await Promise.race([
      handle.waitForOriginal((message) => message.content.includes('-# '), 15_000),
      exited,
    ]);
    expect(reply.content).toContain('echo: alice: hello');
    expect(started.output()).not.toContain('sk-test-secret');
  }, 90_000);

  it('names each setting it cannot read, with the value it was given', async () => {
    await fillRequired();
    await setInEnvFile({ SHARDS: 'banana', JSON_MODE: 'json', LLM_TIMEOUT_MS: 'abc' });
    const started = npmStart();
    bot = started.process;
    const [code] = (await once(bot, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(started.output()).toContain('LLM_TIMEOUT_MS must be a whole number above 0 (got "abc")');
    expect(started.output()).toContain('JSON_MODE must be json_schema, json_object or off (got "json")');
    expect(started.output()).toContain(
      'SHARDS must be auto or a number of shards from 1 to 1000, or empty for one process without sharding (got "banana")',
    );
    expect(started.output()).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('serves /metrics and the page on 127.0.0.1 only when METRICS_PORT and WEB_PORT are set and no host', async () => {
    const otherAddress = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    const metricsPort = await freePort();
    const webPort = await freePort();
    await fillRequired();
    await setInEnvFile({ METRICS_PORT: String(metricsPort), WEB_PORT: String(webPort) });
    const started = npmStart();
    bot = started.process;
    const exited = once(bot, 'exit').then(() => {
      throw new Error(`npm start exited:\n${started.output()}`);
    });
    await Promise.race([discord.waitForSession(1, 45_000), exited]);

    expect(await reach(`http://127.0.0.1:${metricsPort}/healthz`)).toBe(200);
    expect(await reach(`http://127.0.0.1:${webPort}/leaderboard.json`)).toBe(200);
    if (otherAddress === undefined) {
      console.warn('skipped the other-address half: this machine has no non-loopback IPv4 address');
      return;
    }
    expect(await reach(`http://${otherAddress}:${metricsPort}/metrics`)).toBe('ECONNREFUSED');
    expect(await reach(`http://${otherAddress}:${webPort}/leaderboard.json`)).toBe('ECONNREFUSED');
  }, 120_000);
});
