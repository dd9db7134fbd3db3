// Composition of everything the bot uses besides Discord itself: engine, store, ledgers, per-server
// config. Shared by src/main.ts and the end-to-end tests, so tests run the real wiring.
import type { BotSettings } from '../config/env.js';
import { startProcessLease } from '../comparisons/process-lease.js';
import { createGuildConfigService } from '../guild-config/guild-config.js';
import { createUsageLimits } from '../limits/usage-limits.js';
import type { Logger } from '../log/logger.js';
import { createMemoryBook } from '../memory/memory-book.js';
import type { StoreOptions } from '../store/open-store.js';
import { createBotThreads } from '../threads/bot-threads.js';
import { hashVoter } from '../votes/hash-voter.js';
import { createInflightWork } from '../bot/inflight-work.js';
import type { Services } from '../bot/services.js';
import { voterSalt } from '../bot/voter-salt.js';
import { buildEngine } from './build-engine.js';
import { startHousekeeping } from './housekeeping.js';
import { openData } from './open-data.js';

export async function buildServices(settings: BotSettings, log: Logger, options: { watchPrompts?: boolean; keyPrefix?: string } = {}): Promise<Services & { close(): Promise<void> }> {
  const { engine, catalog, model } = await buildEngine(settings, { watchPrompts: options.watchPrompts, log: (line) => log.info(line) });
  const storeOptions: StoreOptions = { dataDir: settings.DATA_DIR, redisUrl: settings.REDIS_URL, postgresUrl: settings.POSTGRES_URL, keyPrefix: options.keyPrefix };
  const { store, comparisons, votes } = await openData(storeOptions, log);
  const salt = await voterSalt(store, settings.VOTER_HASH_SALT);
  const lease = await startProcessLease(store, { onRenewError: (error) => log.warn(`could not renew this process's lease: ${String(error)}`) });
  const limits = createUsageLimits(store);
  const stopHousekeeping = startHousekeeping({ comparisons, limits }, settings.RETENTION_DAYS, log);
  return {
    settings,
    engine,
    model,
    store,
    comparisons,
    lease,
    votes,
    guildConfig: createGuildConfigService(store, {
      defaultPipeline: settings.DEFAULT_PIPELINE,
      comparePipelines: settings.COMPARE_PIPELINES,
      modelOverrides: {},
      comparesPerHour: settings.COMPARES_PER_HOUR,
      answersPerHour: settings.ANSWERS_PER_HOUR,
      dailyCostCapUsd: settings.DAILY_COST_CAP_USD,
      threads: settings.CHAT_THREADS,
      channels: {},
    }),
    limits,
    memory: createMemoryBook(store),
    threads: createBotThreads(store),
    hashUser: (userId) => hashVoter(userId, salt),
    inflight: createInflightWork(),
    log,
    async close() {
      stopHousekeeping();
      catalog.close();
      await lease.release().catch((error: unknown) => log.warn(`could not release this process's lease: ${String(error)}`));
      await store.close();
    },
  };
}
