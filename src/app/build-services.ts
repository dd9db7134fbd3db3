// Composition of everything the bot uses besides Discord itself: engine, store, ledgers, per-server
// config. Shared by src/main.ts and the end-to-end tests, so tests run the real wiring.
import { envPipelineUses, missingPipelines } from '../catalog/pipeline-uses.js';
import { ConfigError, type BotSettings } from '../config/env.js';
import { startProcessLease } from '../records/comparisons/process-lease.js';
import { createGuildConfigService } from '../records/guild-config.js';
import { createUsageLimits } from '../records/quotas/usage-limits.js';
import type { Logger } from '../base/logger.js';
import { createMemoryBook } from '../records/memory-book.js';
import type { StoreOptions } from '../store/open-store.js';
import { createBotThreads } from '../records/bot-threads.js';
import { join } from 'node:path';
import { createForgottenReactions } from '../bot/votes/forgotten-reactions.js';
import { createForgottenUsers } from '../records/votes/forgotten-users.js';
import { hashVoter } from '../records/votes/hash-voter.js';
import { applyReactionEvent } from '../records/votes/apply-reaction-event.js';
import { openReactionJournal } from '../records/votes/reaction-journal.js';
import { createReactionRecorder } from '../records/votes/reaction-recorder.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { createInflightWork } from '../bot/inflight-work.js';
import { createLeaderboards } from '../ratings/stored/leaderboard-service.js';
import type { Services } from '../bot/services.js';
import { voterSalt } from '../records/votes/voter-salt.js';
import { createInteractionTokenSeal } from '../bot/interaction-token-seal.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { instrumentEngine } from '../metrics/instrument-engine.js';
import { buildEngine } from './build-engine.js';
import { startHousekeeping } from './housekeeping.js';
import { openData, storeOptionsFrom } from './open-data.js';

export async function buildServices(
  settings: BotSettings,
  log: Logger,
  options: { watchPrompts?: boolean; keyPrefix?: string; shardId?: number | undefined; scrubEveryMs?: number } = {},
): Promise<Services & { close(): Promise<void> }> {
  const storeOptions: StoreOptions = { ...storeOptionsFrom(settings), keyPrefix: options.keyPrefix ?? settings.STORE_KEY_PREFIX };
  // The ledger asks for the daily vote cap of a vote's server (its /config vote-cap, else VOTES_PER_DAY) at each first
  // vote on a comparison; the server settings live in the store opened here, so the lookup refers to them below.
  const { store, comparisons, votes } = await openData(storeOptions, log, { votesPerDay: async (guildId) => (await guildConfig.get(guildId)).votesPerDay });
  const guildConfig = createGuildConfigService(store, {
    defaultPipeline: settings.DEFAULT_PIPELINE,
    comparePipelines: settings.COMPARE_PIPELINES,
    modelOverrides: {},
    comparesPerHour: settings.COMPARES_PER_HOUR,
    answersPerHour: settings.ANSWERS_PER_HOUR,
    dailyCostCapUsd: settings.DAILY_COST_CAP_USD,
    votesPerDay: settings.VOTES_PER_DAY,
    threads: settings.CHAT_THREADS,
    channels: {},
  });
  const envUses = envPipelineUses(settings);
  const serverUses = async () =>
    (await guildConfig.pipelinesInUse()).map((use) => ({ pipelineId: use.pipelineId, setting: `server ${use.guildId}'s /config ${use.setting}` }));
  const { engine, catalog, model, servedModels } = await buildEngine(settings, {
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
  const lease = await startProcessLease(store, { onRenewError: (error) => log.warn(`could not renew this process's lease: ${String(error)}`) });
  // One journal per shard process: a guild's events always reach the same shard, so each file keeps their order.
  const journal = await openReactionJournal(join(settings.DATA_DIR, options.shardId === undefined ? 'vote-journal.jsonl' : `vote-journal-shard-${options.shardId}.jsonl`), (message) => log.warn(message));
  const reactions = createReactionRecorder({
    journal,
    log,
    setStoreUp: (up) => metrics.setStoreUp(up),
    async apply(event) {
      const outcome = await applyReactionEvent(event, { comparisons, votes }).catch((error: unknown) => {
        if (!isStoreUnavailable(error)) metrics.voteDropped('error');
        throw error;
      });
      if (outcome.applied) metrics.voteApplied(event.change);
      else {
        log.debug?.(`vote reaction dropped: ${outcome.reason}`, { messageId: event.messageId, emoji: event.emoji, change: event.change, reason: outcome.reason });
        metrics.voteDropped(outcome.reason);
      }
      return outcome.applied;
    },
  });
  const limits = createUsageLimits(store);
  const leaderboards = createLeaderboards({ store, storeOptions, log });
  // Work on the whole store (retention, keeping stored leaderboards current) runs in one process, not once per shard.
  const runsStoreWideWork = options.shardId === undefined || options.shardId === 0;
  const stopHousekeeping = runsStoreWideWork ? startHousekeeping({ store, comparisons, limits }, { retentionDays: settings.RETENTION_DAYS, scrubEveryMs: options.scrubEveryMs }, log) : async () => {};
  if (runsStoreWideWork) leaderboards.startRefreshing();
  return {
    settings,
    engine: instrumentEngine(engine, metrics),
    catalog: catalog.current,
    model,
    servedModels,
    store,
    comparisons,
    lease,
    votes,
    leaderboards,
    reactions,
    guildConfig,
    limits,
    memory: createMemoryBook(store),
    threads: createBotThreads(store),
    forgottenUsers: createForgottenUsers(store),
    forgottenReactions: createForgottenReactions(),
    hashUser: (userId) => hashVoter(userId, salt),
    interactionTokens: createInteractionTokenSeal(settings.DISCORD_TOKEN),
    inflight: createInflightWork(),
    log,
    metrics,
    async close() {
      await stopHousekeeping();
      leaderboards.close();
      await reactions.close();
      await catalog.close();
      await lease.release().catch((error: unknown) => log.warn(`could not release this process's lease: ${String(error)}`));
      await store.close();
    },
  };
}
