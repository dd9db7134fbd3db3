// Everything commands and event handlers may use, built once in src/main.ts and passed in: no module
// reaches for globals, env or connections of its own.
import type { Leaderboards } from '../boards/leaderboard-service.ts';
import type { Catalog } from '../catalog/load-catalog.ts';
import type { BotSettings } from '../config/env.ts';
import type { ComparisonStore } from '../records/comparisons/comparison-store.ts';
import type { ProcessLease } from '../records/comparisons/process-lease.ts';
import type { Engine } from '../engine/create-engine.ts';
import type { ChatModel } from '../llm/chat-model.ts';
import type { ServedModels } from '../llm/served-models.ts';
import type { GuildConfigService } from '../records/guild-config.ts';
import type { UsageLimits } from '../records/quotas/usage-limits.ts';
import type { UsageLog } from '../records/quotas/usage-log.ts';
import type { Logger } from '../base/logger.ts';
import type { MemoryBook } from '../records/memory-book.ts';
import type { BotMetrics } from '../metrics/bot-metrics.ts';
import type { Store } from '../store/open-store.ts';
import type { BotThreads } from '../records/bot-threads.ts';
import type { ForgottenUsers } from '../records/votes/forgotten-users.ts';
import type { ReactionRecorder } from '../records/votes/reaction-recorder.ts';
import type { VoteLedger } from '../records/votes/vote-ledger.ts';
import type { VoteChanges } from '../records/votes/vote-changes.ts';
import type { ExperimentStore } from '../records/experiments/experiment-store.ts';
import type { ForgottenReactions } from './votes/forgotten-reactions.ts';
import type { InflightWork } from './inflight-work.ts';
import type { InteractionTokenSeal } from './interaction-token-seal.ts';

export interface Services {
  settings: BotSettings;
  engine: Engine;
  /** The prompts/ catalog as loaded now (it reloads on change): leak markers, reason tags. */
  catalog(): Catalog;
  /** The model client the engine uses, for calls outside a pipeline (the /eval refusal judge). */
  model: ChatModel;
  /** Which models the model server lists (/compare models: checks names against it). */
  servedModels: ServedModels;
  store: Store;
  /** Resolves once the store is open and brought up: at once, or when it answers after a start during an outage. */
  storeUp: Promise<void>;
  comparisons: ComparisonStore;
  /** This process's lease: comparisons it runs are indexed under it, so others can tell when it is gone. */
  lease: ProcessLease;
  votes: VoteLedger;
  /** Announces each change to a comparison's votes (experiments check their stopping rule on it). */
  voteChanges: VoteChanges;
  /** Pre-registered experiments per server: plans, the comparisons they showed, how they ended. */
  experiments: ExperimentStore;
  /** Leaderboards as stored once counted, recounted when votes change. */
  leaderboards: Leaderboards;
  /** Where vote reactions go: into the ledger, or into the local journal while the store is unreachable. */
  reactions: ReactionRecorder;
  guildConfig: GuildConfigService;
  limits: UsageLimits;
  /** Each run's model use under its user's hash, for /usage. */
  usage: UsageLog;
  /** Long-term memory of users who opted in with /memory on. */
  memory: MemoryBook;
  /** Threads the bot opened, where it answers without a mention. */
  threads: BotThreads;
  /** The vote reactions /forget-me offered to remove, kept in memory while its button works. */
  forgottenReactions: ForgottenReactions;
  /** Tombstones of /forget-me, so nothing brings a forgotten user's data back. */
  forgottenUsers: ForgottenUsers;
  /** Salted hash of a Discord user id: the only form in which a user is stored. */
  hashUser(userId: string): string;
  /** Seals the interaction tokens kept while a comparison runs, with a key derived from the bot token. */
  interactionTokens: InteractionTokenSeal;
  inflight: InflightWork;
  log: Logger;
  /** Prometheus counters and gauges; served on METRICS_PORT when it is set. */
  metrics: BotMetrics;
}
