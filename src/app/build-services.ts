// Composition of everything the bot uses besides Discord itself: engine, store, ledgers, per-server
// config. Shared by src/main.ts and the end-to-end tests, so tests run the real wiring.
import { envPipelineUses, missingPipelines } from '../catalog/pipeline-uses.ts';
import { ConfigError, type BotSettings } from '../config/env.ts';
import { createComparisonStore } from '../records/comparisons/comparison-store.ts';
import { createProcessLease } from '../records/comparisons/process-lease.ts';
import { createGuildConfigService } from '../records/guild-config.ts';
import { createUsageLimits } from '../records/quotas/usage-limits.ts';
import { createUsageLog } from '../records/quotas/usage-log.ts';
import type { Logger } from '../base/logger.ts';
import { createMemoryBook } from '../records/memory-book.ts';
import type { StoreOptions } from '../store/open-store.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import { createBotThreads } from '../records/bot-threads.ts';
import { join } from 'node:path';
import { createForgottenReactions } from '../bot/votes/forgotten-reactions.ts';
import { createForgottenUsers } from '../records/votes/forgotten-users.ts';
import { hashVoter } from '../records/votes/hash-voter.ts';
import { applyReactionEvent } from '../records/votes/apply-reaction-event.ts';
import { openReactionJournal } from '../records/votes/reaction-journal.ts';
import { createReactionRecorder } from '../records/votes/reaction-recorder.ts';
import { createVoteLedger } from '../records/votes/vote-ledger.ts';
import { announcingVoteChanges } from '../records/votes/vote-changes.ts';
import { createExperimentStore } from '../records/experiments/experiment-store.ts';
import { isStoreUnavailable } from '../store/store-unavailable.ts';
import { createInflightWork } from '../bot/inflight-work.ts';
import { createLeaderboards } from '../boards/leaderboard-service.ts';
import { publishedDatasetPath } from '../export/published-dataset.ts';
import type { Services } from '../bot/services.ts';
import { voterSalt } from '../records/votes/voter-salt.ts';
import { createInteractionTokenSeal } from '../bot/interaction-token-seal.ts';
import { createBotMetrics } from '../metrics/bot-metrics.ts';
import { instrumentEngine } from '../metrics/instrument-engine.ts';
import { buildEngine } from './build-engine.ts';
import { type DutyLease, holdDutyLease } from '../records/duty-lease.ts';
import { startHousekeeping } from './housekeeping.ts';
import { linkStore } from './link-store.ts';
import { storeOptionsFrom } from './open-data.ts';

export interface BuildOptions {
  watchPrompts?: boolean;
  keyPrefix?: string;
  shardId?: number | undefined;
  /** How often housekeeping empties SQLite's write-ahead log of deleted text (tests shorten it). */
  scrubEveryMs?: number;
  /** The store, unreachable at start, could not be brought up once it answered (default: logged as an error). */
  onFatal?: (error: unknown) => void;
}

export async function buildServices(
  settings: BotSettings,
  log: Logger,
  options: BuildOptions = {},
): Promise<Services & { close(): Promise<void> }> {
  const storeOptions: StoreOptions = {
    ...storeOptionsFrom(settings),
    keyPrefix: options.keyPrefix ?? settings.STORE_KEY_PREFIX,
  };
  const metrics = createBotMetrics();
  // Known without the store when VOTER_HASH_SALT is set; else read from the store once it is up.
  let salt = settings.VOTER_HASH_SALT;
  const lease = createProcessLease({
    onRenewError: (error) => log.warn(`could not renew this process's lease: ${String(error)}`),
  });
  const link = await linkStore(storeOptions, {
    log,
    async whenUp(opened) {
      salt = await voterSalt(opened, settings.VOTER_HASH_SALT);
      await lease.start(opened);
    },
    onFatal: options.onFatal ?? ((error) => log.error('the store answered again but could not be brought up', error)),
  });
  const { store } = link;
  const comparisons = createComparisonStore(store);
  // The ledger asks for the daily vote cap of a vote's server (its /config vote-cap, else VOTES_PER_DAY) at each first
  // vote on a comparison; the server settings live in the same store, so the lookup refers to them below.
  const { votes, changes: voteChanges } = announcingVoteChanges(
    createVoteLedger(store, { votesPerDay: async (guildId) => (await guildConfig.get(guildId)).votesPerDay }),
  );
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
    (await guildConfig.pipelinesInUse()).map((use) => ({
      pipelineId: use.pipelineId,
      setting: `server ${use.guildId}'s /config ${use.setting}`,
    }));
  const { engine, catalog, model, servedModels } = await buildEngine(settings, {
    watchPrompts: options.watchPrompts,
    log,
    pipelinesInUse: async () => [...envUses, ...(await serverUses())],
  }).catch(async (error: unknown) => {
    await link.close();
    throw error;
  });
  // A typo in .env stops the start; a server's stale /config only warns, since its admins fix it with /config.
  const envProblems = missingPipelines(catalog.current(), envUses);
  if (envProblems.length > 0) {
    await catalog.close();
    await link.close();
    throw new ConfigError(envProblems);
  }
  // One journal per shard process: a guild's events always reach the same shard, so each file keeps their order.
  const journal = await openReactionJournal(
    join(
      settings.DATA_DIR,
      options.shardId === undefined ? 'vote-journal.jsonl' : `vote-journal-shard-${options.shardId}.jsonl`,
    ),
    (message) => log.warn(message),
  );
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
        log.debug?.(`vote reaction dropped: ${outcome.reason}`, {
          messageId: event.messageId,
          emoji: event.emoji,
          change: event.change,
          reason: outcome.reason,
        });
        metrics.voteDropped(outcome.reason);
      }
      return outcome.applied;
    },
  });
  const limits = createUsageLimits(store);
  const usage = createUsageLog(store);
  const leaderboards = createLeaderboards({
    store,
    storeOptions,
    log,
    publishedDatasetPath: publishedDatasetPath(settings.DATA_DIR),
  });
  let closed = false;
  // Work on the whole store (retention, keeping stored leaderboards current) runs in one process of all that share
  // the store, on every machine: the holder of the duty lease.
  let duties: DutyLease | undefined;
  const startDuties = () => {
    const stopHousekeeping = startHousekeeping(
      { store, comparisons, limits, usage },
      { retentionDays: settings.RETENTION_DAYS, scrubEveryMs: options.scrubEveryMs },
      log,
    );
    const stopRefreshing = leaderboards.startRefreshing();
    return async () => {
      stopRefreshing();
      await stopHousekeeping();
    };
  };
  void link.up
    .then(async () => {
      if (closed) return;
      duties = holdDutyLease(store, { holderId: lease.id, periodMs: settings.DUTY_LEASE_MS, log, start: startDuties });
      for (const problem of missingPipelines(catalog.current(), await serverUses())) log.warn(problem);
    })
    .catch((error: unknown) => log.warn(`could not check the servers' /config pipelines: ${String(error)}`));
  return {
    settings,
    engine: instrumentEngine(engine, metrics),
    catalog: catalog.current,
    model,
    servedModels,
    store,
    storeUp: link.up,
    comparisons,
    lease,
    votes,
    voteChanges,
    experiments: createExperimentStore(store),
    leaderboards,
    reactions,
    guildConfig,
    limits,
    usage,
    memory: createMemoryBook(store),
    threads: createBotThreads(store),
    forgottenUsers: createForgottenUsers(store),
    forgottenReactions: createForgottenReactions(),
    hashUser(userId) {
      if (salt === undefined)
        throw new StoreUnavailableError(
          store.backend,
          store.location,
          new Error('the voter salt is kept in the store'),
        );
      return hashVoter(userId, salt);
    },
    interactionTokens: createInteractionTokenSeal(settings.DISCORD_TOKEN),
    inflight: createInflightWork(),
    log,
    metrics,
    async close() {
      closed = true;
      // None while the store was never reached.
      await duties
        ?.close()
        .catch((error: unknown) => log.warn(`could not free the store-wide duties: ${String(error)}`));
      leaderboards.close();
      await reactions.close();
      await catalog.close();
      await lease
        .release()
        .catch((error: unknown) => log.warn(`could not release this process's lease: ${String(error)}`));
      await link.close();
    },
  };
}
