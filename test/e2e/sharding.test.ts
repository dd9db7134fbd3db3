// SHARDS=auto as an operator runs it: the bot process becomes the sharding manager, asks the (fake) Discord how
// many shards to run, and starts one process per shard. Each shard answers the commands of its own guilds (the
// fake gateway routes guild events by (guild_id >> 22) % num_shards), all share one store (the real PostgreSQL or
// Redis), so the leaderboard in guild One counts a vote cast in guild Two, and SIGTERM to the manager stops every
// shard cleanly.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { openStore } from '../../src/store/open-store.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { snowflakeOnShard } from '../fakes/discord/shard-routing.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { STORE_BACKENDS } from '../fakes/store-backends.ts';
import {
  type BotProcess,
  fakeServiceSettings,
  groupAlive,
  killBotProcess,
  startBotProcess,
} from '../fixtures/bot-process.ts';
import { eventually } from '../fixtures/eventually.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let discord: FakeDiscord;
let model: FakeOpenAI;
let dataDir: string;
let manager: BotProcess | undefined;
let keyPrefix: string;
const guildOne = snowflakeOnShard(0, 2);
const guildTwo = snowflakeOnShard(1, 2);

beforeEach(async () => {
  discord = await startFakeDiscord({
    guilds: [
      { name: 'One', id: guildOne },
      { name: 'Two', id: guildTwo },
    ],
    recommendedShards: 2,
  });
  model = await startFakeOpenAI();
  dataDir = await mkdtemp(path.join(tmpdir(), 'shards-'));
  keyPrefix = `test-shards-${randomUUID().slice(0, 8)}`;
  // Global commands, so both guilds have them.
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl },
    commands,
  );
});
afterEach(async () => {
  killBotProcess(manager);
  await discord.close();
  await model.close();
  await rm(dataDir, { recursive: true, force: true });
});

// What the bot writes while these tests run; removed afterwards from the shared databases.
const NAMESPACES = [
  'votes',
  'reveals',
  'comparisons',
  'comparison-messages',
  'usage-compares',
  'usage-answers',
  'usage-costs',
  'guild-config',
  'deployment',
];

describe.each(STORE_BACKENDS.filter((backend) => backend.name !== 'sqlite'))('SHARDS=auto on $name', (backend) => {
  afterEach(async () => {
    const cleaner = await openStore({ ...backend.options(dataDir), keyPrefix });
    for (const name of NAMESPACES) await cleaner.namespace(name, z.unknown()).clear();
    await cleaner.close();
  });

  it('runs one process per shard, each answering its own guilds, sharing one leaderboard', async () => {
    const store = backend.options(dataDir);
    manager = startBotProcess({
      SHARDS: 'auto',
      ...fakeServiceSettings(discord, model),
      COMPARE_PIPELINES: 'plain,cot',
      DATA_DIR: dataDir,
      REDIS_URL: store.redisUrl ?? '',
      POSTGRES_URL: store.postgresUrl ?? '',
      STORE_KEY_PREFIX: keyPrefix,
    });
    await discord.waitForSession(2, 40_000);
    expect(discord.identifies.map((identify) => identify.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);

    const compareIn = async (guildId: string) => {
      const handle = discord.runSlashCommand({
        name: 'compare',
        userId: discord.userId('alice'),
        guildId,
        options: { prompt: `Hello from ${guildId}` },
      });
      const message = await handle.waitForOriginal(comparisonDone, 20_000);
      await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, {
        timeoutMs: 10_000,
        description: 'the vote reactions',
      });
      return message;
    };
    await compareIn(guildOne);
    const inTwo = await compareIn(guildTwo);
    discord.addReaction({ userId: discord.userId('bob'), messageId: inTwo.id, emoji: '🇦' });

    const counted = await eventually(
      async () => {
        const reply = await discord
          .runSlashCommand({
            name: 'leaderboard',
            userId: discord.userId('carol'),
            guildId: guildOne,
            options: { scope: 'global' },
          })
          .waitForOriginal(undefined, 15_000);
        const votes = /\*\*(\d+) votes?\*\* counted/.exec(shownMessage(reply).header)?.[1];
        expect(votes).toBe('1');
        return votes;
      },
      { timeoutMs: 20_000, description: "guild Two's vote on guild One's global leaderboard" },
    );
    expect(counted).toBe('1');
    // Had an event reached both shards, one would fail to answer an interaction already answered.
    expect(manager.output()).not.toMatch(/"level":50/);

    const exited = once(manager.process, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    manager.process.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    const leader = manager.process.pid ?? 0;
    await eventually(() => expect(groupAlive(leader)).toBe(false), {
      timeoutMs: 10_000,
      description: 'every shard process gone',
    });
  }, 120_000);
});
