// Everything commands and event handlers may use, built once in src/main.ts and passed in: no module
// reaches for globals, env or connections of its own.
import type { BotSettings } from '../config/env.js';
import type { ComparisonStore } from '../comparisons/comparison-store.js';
import type { Engine } from '../engine/create-engine.js';
import type { GuildConfigService } from '../guild-config/guild-config.js';
import type { UsageLimits } from '../limits/usage-limits.js';
import type { Logger } from '../log/logger.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { Store } from '../store/open-store.js';
import type { VoteLedger } from '../votes/vote-ledger.js';
import type { InflightWork } from './inflight-work.js';

export interface Services {
  settings: BotSettings;
  engine: Engine;
  store: Store;
  comparisons: ComparisonStore;
  votes: VoteLedger;
  guildConfig: GuildConfigService;
  limits: UsageLimits;
  /** Salted hash of a Discord user id: the only form in which a user is stored. */
  hashUser(userId: string): string;
  inflight: InflightWork;
  log: Logger;
  /** Prometheus counters and gauges; served on METRICS_PORT when it is set. */
  metrics: BotMetrics;
}
