// SHARDS=auto|N, or SHARD_IDS of SHARD_COUNT on one of several machines: this process becomes discord.js's
// ShardingManager and starts one bot process per shard (all of them, or this machine's), each
// running the same entry file with the same settings (so all share the store set in .env), restarting any that
// crashes. stop() asks every shard to finish its running answers and waits for them to exit.
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { z } from 'zod';
import type { BotSettings } from '../config/env.ts';
import type { ShardPlan } from '../config/shard-environment.ts';
import type { Logger } from '../base/logger.ts';

const GatewayBot = z.looseObject({ shards: z.int().min(1) });

/** Discord's recommended shard count, asked through DISCORD_API_URL (discord.js's own 'auto' ignores it). */
async function recommendedShards(settings: BotSettings): Promise<number> {
  const rest = new REST({ api: settings.DISCORD_API_URL }).setToken(settings.DISCORD_TOKEN);
  return GatewayBot.parse(await rest.get(Routes.gatewayBot())).shards;
}

const alive = (shard: Shard): boolean =>
  shard.process !== null && shard.process.exitCode === null && shard.process.signalCode === null;

const stopShard = (shard: Shard): Promise<void> =>
  new Promise((resolve) => {
    if (!alive(shard)) return resolve();
    shard.process?.once('exit', () => resolve());
    shard.process?.kill('SIGTERM');
  });

export interface ShardFleet {
  /** Resolves once every shard has logged in. */
  spawned: Promise<void>;
  stop(): Promise<void>;
}

export async function runShardManager(
  settings: BotSettings,
  plan: NonNullable<ShardPlan>,
  log: Logger,
  entry: { file: string; execArgv: string[] },
): Promise<ShardFleet> {
  const totalShards = plan.total === 'auto' ? await recommendedShards(settings) : plan.total;
  const manager = new ShardingManager(entry.file, {
    totalShards,
    ...(plan.ids === undefined ? {} : { shardList: plan.ids }),
    token: settings.DISCORD_TOKEN,
    execArgv: entry.execArgv,
    mode: 'process',
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    log.info(`shard ${shard.id + 1}/${totalShards} starting`, { shard: shard.id });
    shard.on('death', () => {
      if (manager.respawn) log.warn(`shard ${shard.id} exited; starting it again`, { shard: shard.id });
    });
  });
  log.info(
    plan.ids === undefined
      ? `starting ${totalShards} shard process(es)${plan.total === 'auto' ? ' (the number Discord recommends)' : ''}`
      : `starting shard(s) ${plan.ids.join(', ')} of ${totalShards}; the other machines run the rest`,
  );
  // Discord allows one IDENTIFY per 5 seconds per bucket: discord.js waits between shards.
  const spawned = manager.spawn({ timeout: 60_000 }).then(() => undefined);
  return {
    spawned,
    async stop() {
      manager.respawn = false;
      // Again while spawning goes on, so a shard started during the stop is stopped too.
      while ([...manager.shards.values()].some(alive)) await Promise.all([...manager.shards.values()].map(stopShard));
    },
  };
}
