// Two bot processes as two machines: SHARD_IDS=0 and SHARD_IDS=1 of SHARD_COUNT=2, sharing PostgreSQL. Each runs
// only its own shard (the fake gateway routes guild events by (guild_id >> 22) % 2), a /leaderboard on either
// counts the votes cast in both, and the store-wide duties run in one process, moving to the other when it dies.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { openStore } from '../../src/store/open-store.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { snowflakeOnShard } from '../fakes/discord/shard-routing.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { type BotProcess, fakeServiceSettings, killBotProcess, startBotProcess } from '../fixtures/bot-process.ts';
import { eventually } from '../fixtures/eventually.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const DUTIES_TAKEN = 'store-wide duties (retention, stored-board recounts) taken by this process';
const guildOne = snowflakeOnShard(0, 2);
const guildTwo = snowflakeOnShard(1, 2);

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDirs: string[] = [];
let machines: BotProcess[] = [];
let keyPrefix: string;

beforeEach(async () => {
  discord = await startFakeDiscord({
    guilds: [
      { name: 'One', id: guildOne },
      { name: 'Two', id: guildTwo },
    ],
  });
  model = await startFakeOpenAI();
  keyPrefix = `test-machines-${randomUUID().slice(0, 8)}`;
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl },
    commands,
  );
});
afterEach(async () => {
  for (const machine of machines) killBotProcess(machine);
  machines = [];
  await discord.close();
  await model.close();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  dataDirs = [];
  const cleaner = await openStore({ dataDir: '', postgresUrl: POSTGRES_URL, keyPrefix });
  for (const name of await cleaner.namespaceNames()) await cleaner.namespace(name, z.unknown()).clear();
  await cleaner.close();
});

/** One "machine": its own process group and data directory, the shared database, its part of the shards. */
async function startMachine(shardIds: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), `machine-${shardIds}-`));
  dataDirs.push(dataDir);
  const machine = startBotProcess({
    SHARD_IDS: shardIds,
    SHARD_COUNT: '2',
    DUTY_LEASE_MS: '3000',
    ...fakeServiceSettings(discord, model),
    COMPARE_PIPELINES: 'plain,cot',
    DATA_DIR: dataDir,
    POSTGRES_URL,
    STORE_KEY_PREFIX: keyPrefix,
  });
  machines.push(machine);
  return machine;
}

const messages = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; shard?: number; level: number });

it('runs each machine’s own shards, shares one leaderboard, and moves the store-wide duties when their holder dies', async () => {
  const first = await startMachine('0');
  const second = await startMachine('1');
  await discord.waitForSession(2, 60_000);
  expect(discord.identifies.map((identify) => identify.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);
  // Each machine's shard sees only its own server.
  for (const [machine, shard] of [
    [first, 0],
    [second, 1],
  ] as const) {
    await eventually(
      () =>
        expect(
          messages(machine.output())
            .filter((line) => line.msg.startsWith('logged in as'))
            .map((line) => [line.shard, line.msg.endsWith('; 1 server(s)')]),
        ).toEqual([[shard, true]]),
      { timeoutMs: 20_000 },
    );
  }

  const compareAndVote = async (guildId: string, voter: string) => {
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      guildId,
      options: { prompt: `Hello from ${guildId}` },
    });
    const message = await handle.waitForOriginal(comparisonDone, 30_000);
    await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, {
      timeoutMs: 15_000,
      description: 'the vote reactions',
    });
    discord.addReaction({ userId: discord.userId(voter), messageId: message.id, emoji: '🇦' });
  };
  await compareAndVote(guildOne, 'bob');
  await compareAndVote(guildTwo, 'carol');
  for (const guildId of [guildOne, guildTwo]) {
    await eventually(
      async () => {
        const reply = await discord
          .runSlashCommand({
            name: 'leaderboard',
            userId: discord.userId('alice'),
            guildId,
            options: { scope: 'global' },
          })
          .waitForOriginal(undefined, 20_000);
        expect(/\*\*(\d+) votes?\*\* counted/.exec(shownMessage(reply).header)?.[1]).toBe('2');
      },
      { timeoutMs: 40_000, description: `both machines' votes on the global leaderboard asked in ${guildId}` },
    );
  }

  const holders = () => [first, second].filter((machine) => machine.output().includes(DUTIES_TAKEN));
  await eventually(() => expect(holders()).toHaveLength(1), {
    timeoutMs: 20_000,
    description: 'one machine holding the duties',
  });
  const [holder] = holders();
  const other = holder === first ? second : first;
  killBotProcess(holder);
  await eventually(() => expect(other.output()).toContain(DUTIES_TAKEN), {
    timeoutMs: 30_000,
    description: 'the other machine taking the duties over',
  });
  expect([...messages(first.output()), ...messages(second.output())].filter((line) => line.level >= 50)).toEqual([]);
}, 240_000);
