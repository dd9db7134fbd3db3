// Per-server settings set with /config, stored in the store and parsed again on every read (stored data is
// outside input). Anything a server has not set falls back to the deployment's .env defaults.
import { z } from 'zod';
import type { Store } from '../store/open-store.js';

export const PERSONA_MAX_LENGTH = 2000;
export const MODEL_NAME_MAX_LENGTH = 100;

/** One channel's own settings (Manage Server or Manage Channels); threads use their parent channel's. */
export const ChannelConfig = z.strictObject({
  pipeline: z.string().min(1).optional(),
  /** Generator model for every pipeline run in this channel. */
  model: z.string().trim().min(1).max(MODEL_NAME_MAX_LENGTH).optional(),
  /** Replaces the system prompt: who the bot is in this channel. */
  persona: z.string().trim().min(1).max(PERSONA_MAX_LENGTH).optional(),
});
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const GuildConfig = z.strictObject({
  defaultPipeline: z.string().optional(),
  comparePipelines: z.array(z.string()).optional(),
  /** pipeline id -> generator model name */
  modelOverrides: z.record(z.string(), z.string()).default({}),
  comparesPerHour: z.int().min(0).optional(),
  answersPerHour: z.int().min(0).optional(),
  dailyCostCapUsd: z.number().min(0).optional(),
  /** Comparisons a member may vote on per UTC day before further votes are flagged and left out of ratings; 0 = no cap. */
  votesPerDay: z.int().min(0).optional(),
  /** Chat mentions and /ask continue in a new thread unless asked otherwise. */
  threads: z.boolean().optional(),
  /** channel id -> that channel's settings */
  channels: z.record(z.string(), ChannelConfig).default({}),
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
  /** Votes per member per UTC day that count; 0 = no cap */
  votesPerDay: number;
  threads: boolean;
  channels: Record<string, ChannelConfig>;
}

/** What applies to an answer in one channel: the channel's own choices over the server's. */
export interface ChannelSettings {
  pipelineId: string;
  modelOverrides: Record<string, string>;
  persona: string | undefined;
}

/** `pipelineId` is one the user chose (/ask pipeline:), which wins over the channel's; the channel's model still applies. */
export function channelSettings(config: EffectiveConfig, channelId: string | null, chosenPipelineId?: string | null): ChannelSettings {
  const own = channelId ? config.channels[channelId] : undefined;
  const pipelineId = chosenPipelineId ?? own?.pipeline ?? config.defaultPipeline;
  const modelOverrides = own?.model ? { ...config.modelOverrides, [pipelineId]: own.model } : config.modelOverrides;
  return { pipelineId, modelOverrides, persona: own?.persona };
}

export interface GuildConfigService {
  get(guildId: string | null): Promise<EffectiveConfig>;
  stored(guildId: string): Promise<GuildConfig>;
  update(guildId: string, change: (current: GuildConfig) => GuildConfig): Promise<EffectiveConfig>;
  /** Changes one channel's settings; a channel left with none is removed from the list. */
  updateChannel(guildId: string, channelId: string, change: (current: ChannelConfig) => ChannelConfig): Promise<EffectiveConfig>;
  /** Every pipeline id a server has set, so a prompts reload can refuse to remove one in use. */
  pipelinesInUse(): Promise<Array<{ guildId: string; setting: 'default-pipeline' | 'compare-pipelines' | `channel ${string} pipeline`; pipelineId: string }>>;
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
    votesPerDay: stored.votesPerDay ?? defaults.votesPerDay,
    threads: stored.threads ?? defaults.threads,
    channels: stored.channels,
  });
  const stored = async (guildId: string) => (await configs.get(guildId)) ?? GuildConfig.parse({});
  const update: GuildConfigService['update'] = async (guildId, change) => {
    const next = GuildConfig.parse(change(await stored(guildId)));
    await configs.set(guildId, next);
    return effective(next);
  };
  return {
    async get(guildId) {
      return guildId ? effective(await stored(guildId)) : { ...defaults };
    },
    stored,
    update,
    updateChannel: (guildId, channelId, change) =>
      update(guildId, (config) => {
        const channels = { ...config.channels };
        const next = change(channels[channelId] ?? {});
        if (Object.values(next).every((value) => value === undefined)) delete channels[channelId];
        else channels[channelId] = next;
        return { ...config, channels };
      }),
    async pipelinesInUse() {
      const uses: Awaited<ReturnType<GuildConfigService['pipelinesInUse']>> = [];
      for await (const [guildId, config] of configs.entries()) {
        if (config.defaultPipeline) uses.push({ guildId, setting: 'default-pipeline', pipelineId: config.defaultPipeline });
        for (const pipelineId of config.comparePipelines ?? []) uses.push({ guildId, setting: 'compare-pipelines', pipelineId });
        for (const [channelId, channel] of Object.entries(config.channels)) {
          if (channel.pipeline) uses.push({ guildId, setting: `channel ${channelId} pipeline`, pipelineId: channel.pipeline });
        }
      }
      return uses;
    },
  };
}
