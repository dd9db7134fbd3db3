// Per-server settings set with /config, stored in the store and parsed again on every read (stored data is
// outside input). Anything a server has not set falls back to the deployment's .env defaults.
import { z } from 'zod';
import type { Store } from '../store/open-store.js';

export const GuildConfig = z.strictObject({
  defaultPipeline: z.string().optional(),
  comparePipelines: z.array(z.string()).optional(),
  /** pipeline id -> generator model name */
  modelOverrides: z.record(z.string(), z.string()).default({}),
  comparesPerHour: z.int().min(0).optional(),
  answersPerHour: z.int().min(0).optional(),
  dailyCostCapUsd: z.number().min(0).optional(),
});
export type GuildConfig = z.infer<typeof GuildConfig>;

export interface EffectiveConfig {
  defaultPipeline: string;
  comparePipelines: string[];
  modelOverrides: Record<string, string>;
  /** /compare runs per user per hour; 0 = no limit */
  comparesPerHour: number;
  /** chat answers and /ask per user per hour; 0 = no limit */
  answersPerHour: number;
  /** 0 = no cap */
  dailyCostCapUsd: number;
}

export interface GuildConfigService {
  get(guildId: string | null): Promise<EffectiveConfig>;
  stored(guildId: string): Promise<GuildConfig>;
  update(guildId: string, change: (current: GuildConfig) => GuildConfig): Promise<EffectiveConfig>;
  /** Every pipeline id a server has set, so a prompts reload can refuse to remove one in use. */
  pipelinesInUse(): Promise<Array<{ guildId: string; setting: 'default-pipeline' | 'compare-pipelines'; pipelineId: string }>>;
}

export function createGuildConfigService(store: Store, defaults: EffectiveConfig): GuildConfigService {
  const configs = store.namespace('guild-config', GuildConfig);
  const effective = (stored: GuildConfig): EffectiveConfig => ({
    defaultPipeline: stored.defaultPipeline ?? defaults.defaultPipeline,
    comparePipelines: stored.comparePipelines ?? defaults.comparePipelines,
    modelOverrides: { ...defaults.modelOverrides, ...stored.modelOverrides },
    comparesPerHour: stored.comparesPerHour ?? defaults.comparesPerHour,
    answersPerHour: stored.answersPerHour ?? defaults.answersPerHour,
    dailyCostCapUsd: stored.dailyCostCapUsd ?? defaults.dailyCostCapUsd,
  });
  const stored = async (guildId: string) => (await configs.get(guildId)) ?? GuildConfig.parse({});
  return {
    async get(guildId) {
      return guildId ? effective(await stored(guildId)) : { ...defaults };
    },
    stored,
    async update(guildId, change) {
      const next = GuildConfig.parse(change(await stored(guildId)));
      await configs.set(guildId, next);
      return effective(next);
    },
    async pipelinesInUse() {
      const uses: Awaited<ReturnType<GuildConfigService['pipelinesInUse']>> = [];
      for await (const [guildId, config] of configs.entries()) {
        if (config.defaultPipeline) uses.push({ guildId, setting: 'default-pipeline', pipelineId: config.defaultPipeline });
        for (const pipelineId of config.comparePipelines ?? []) uses.push({ guildId, setting: 'compare-pipelines', pipelineId });
      }
      return uses;
    },
  };
}
