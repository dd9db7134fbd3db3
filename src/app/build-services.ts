// Composition of everything the bot uses besides Discord itself: engine, store, ledgers, per-server
// config. Shared by src/main.ts and the end-to-end tests, so tests run the real wiring.
import { envPipelineUses, missingPipelines } from '../catalog/pipeline-uses.js';
import { ConfigError, type BotSettings } from '../config/env.js';
import { createComparisonStore } from '../comparisons/comparison-store.js';
import { createGuildConfigService } from '../guild-config/guild-config.js';
import { createUsageLimits } from '../limits/usage-limits.js';
import type { Logger } from '../log/logger.js';
import { openStore, type StoreOptions } from '../store/open-store.js';
import { createVoteLedger } from '../votes/vote-ledger.js';
import { hashVoter } from '../votes/hash-voter.js';
import { createInflightWork } from '../bot/inflight-work.js';
import type { Services } from '../bot/services.js';
import { voterSalt } from '../bot/voter-salt.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { instrumentEngine } from '../metrics/instrument-engine.js';
import { buildEngine } from './build-engine.js';
import { startHousekeeping } from './housekeeping.js';

export async function buildServices(settings: BotSettings, log: Logger, options: { watchPrompts?: boolean; keyPrefix?: string } = {}): Promise<Services & { close(): Promise<void> }> {
  const storeOptions: StoreOptions = { dataDir: settings.DATA_DIR, redisUrl: settings.REDIS_URL, postgresUrl: settings.POSTGRES_URL, keyPrefix: options.keyPrefix ?? settings.STORE_KEY_PREFIX };
  const store = await openStore(storeOptions);
  const guildConfig = createGuildConfigService(store, {
    defaultPipeline: settings.DEFAULT_PIPELINE,
    comparePipelines: settings.COMPARE_PIPELINES,
    modelOverrides: {},
    comparesPerHour: settings.COMPARES_PER_HOUR,
    answersPerHour: settings.ANSWERS_PER_HOUR,
    dailyCostCapUsd: settings.DAILY_COST_CAP_USD,
  });
  const envUses = envPipelineUses(settings);
  const serverUses = async () =>
    (await guildConfig.pipelinesInUse()).map((use) => ({ pipelineId: use.pipelineId, setting: `server ${use.guildId}'s /config ${use.setting}` }));
  const { engine, catalog } = await buildEngine(settings, {
    watchPrompts: options.watchPrompts,
    log,
    pipelinesInUse: async () => [...envUses, ...(await serverUses())],
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  // A typo in .env stops the start; a server's stale /config only warns, since its admins fix it with /config.
  const envProblems = missingPipelines(catalog.current(), envUses);
  if (envProblems.length > 0) {
    await catalog.close();
    await store.close();
    throw new ConfigError(envProblems);
  }
  for (const problem of missingPipelines(catalog.current(), await serverUses())) log.warn(problem);
  const metrics = createBotMetrics();
  const salt = await voterSalt(store, settings.VOTER_HASH_SALT);
  const comparisons = createComparisonStore(store);
  const limits = createUsageLimits(store);
  const stopHousekeeping = startHousekeeping({ comparisons, limits }, settings.RETENTION_DAYS, log);
  return {
    settings,
    engine: instrumentEngine(engine, metrics),
    store,
    comparisons,
    votes: createVoteLedger(store),
    guildConfig,
    limits,
    hashUser: (userId) => hashVoter(userId, salt),
    inflight: createInflightWork(),
    log,
    metrics,
    async close() {
      stopHousekeeping();
      await catalog.close();
      await store.close();
    },
  };
}
