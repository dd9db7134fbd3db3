// The composition root: settings, services, Discord client, bot. `npm start` runs this file. With SHARDS set it
// becomes the sharding manager and runs this same file once per shard.
import { fileURLToPath } from 'node:url';
import { DiscordjsError, DiscordjsErrorCodes } from 'discord.js';
import { commands } from '../commands/index.ts';
import { buildServices } from './app/build-services.ts';
import { runShardManager } from './app/run-shard-manager.ts';
import { ListenError, startHttpServers } from './app/start-http-servers.ts';
import { createBot } from './bot/create-bot.ts';
import { createClient } from './bot/create-client.ts';
import { unreachableCode, unreachableMessage } from './bot/discord-unreachable.ts';
import { CatalogError } from './catalog/load-catalog.ts';
import { type BotSettings, ConfigError, loadBotSettings } from './config/env.ts';
import { loadEnvironment } from './config/load-environment.ts';
import {
  operatorEnvironment,
  type ShardIdentity,
  type ShardPlan,
  shardFromEnvironment,
  shardPlan,
} from './config/shard-environment.ts';
import { createLogger, type Logger } from './base/logger.ts';

/** Runs `stop` once on SIGINT or SIGTERM, then exits 0 (1 if stopping failed). */
function onStopSignal(log: Logger, what: string, stop: () => Promise<unknown>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: ${what}`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A shard whose manager is gone (its IPC channel closed) stops rather than run on unsupervised.
  process.on('disconnect', () => shutdown('sharding manager gone'));
}

async function runBot(settings: BotSettings, log: Logger, shard: ShardIdentity | null): Promise<void> {
  const services = await buildServices(settings, log, {
    watchPrompts: true,
    shardId: shard?.id,
    // Started during an outage, the store answered but cannot be used (e.g. written by a newer release): stop, as a
    // start with the store up would have.
    onFatal(error) {
      log.error('the store answered again but cannot be used; stopping', error);
      process.exit(1);
    },
  });
  log.info(
    `store: ${services.store.backend} at ${services.store.location}; model server: ${new URL(settings.OPENAI_BASE_URL).origin}`,
  );
  const bot = createBot(createClient({ apiUrl: settings.DISCORD_API_URL }), commands, services);
  // Each shard process serves its own metrics, on METRICS_PORT + its shard id; shard 0 also serves the page.
  const http = await startHttpServers({ settings, shardId: shard?.id ?? null, client: bot.client, services }).catch(
    (error: unknown) => {
      throw error instanceof ListenError ? new StartError(error.message) : error;
    },
  );
  for (const line of http.lines) log.info(line);
  onStopSignal(log, 'finishing running answers, then disconnecting', async () => {
    await bot.stop();
    await http.close();
    await services.close();
  });
  try {
    await bot.start(settings.DISCORD_TOKEN);
  } catch (error) {
    throw describeLoginFailure(error, settings);
  }
}

async function manageShards(settings: BotSettings, plan: NonNullable<ShardPlan>, log: Logger): Promise<void> {
  const fleet = await runShardManager(settings, plan, log, {
    file: fileURLToPath(import.meta.url),
    execArgv: process.execArgv,
  }).catch((error: unknown) => {
    throw describeLoginFailure(error, settings);
  });
  onStopSignal(log, 'stopping every shard', () => fleet.stop());
  await fleet.spawned;
  log.info('every shard is logged in');
}

/** Login failures an operator can fix, in words; anything else unchanged. */
function describeLoginFailure(error: unknown, settings: BotSettings): unknown {
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return new StartError('Discord rejected DISCORD_TOKEN. Copy the token again from the Developer Portal (Bot tab).');
  }
  const code = unreachableCode(error);
  if (code !== undefined) return new StartError(unreachableMessage(settings.DISCORD_API_URL, code));
  return error;
}

class StartError extends Error {}

async function main(): Promise<void> {
  loadEnvironment(process.env);
  const shard = shardFromEnvironment(process.env);
  const settings = loadBotSettings(operatorEnvironment(process.env));
  const log = createLogger({ level: settings.LOG_LEVEL, bindings: shard ? { shard: shard.id } : undefined });
  const plan = shard === null ? shardPlan(settings) : null;
  if (plan !== null) await manageShards(settings, plan, log);
  else await runBot(settings, log, shard);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CatalogError || error instanceof StartError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Cannot start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
