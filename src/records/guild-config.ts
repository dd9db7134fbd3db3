// Per-server settings set with /config, stored in the store and parsed again on every read (stored data is
// outside input). Anything a server has not set falls back to the deployment's .env defaults.
import { z } from 'zod';
import { ratingsMarker } from './comparisons/ratings-marker.ts';
import type { Store } from '../store/open-store.ts';

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
  /**
   * The server's admins agreed that its voted comparisons (prompts and answers, PII-filtered) appear on the public
   * page, in its dataset and in its ratings. Absent (every config stored before the setting existed) means no.
   */
  publish: z.boolean().optional(),
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
  /** Off unless the server's admins turned it on: there is no deployment default to publish a server. */
  publish: boolean;
  channels: Record<string, ChannelConfig>;
}

/** What applies to an answer in one channel: the channel's own choices over the server's. */
export interface ChannelSettings {
  pipelineId: string;
  modelOverrides: Record<string, string>;
  persona: string | undefined;
}

/** `pipelineId` is one the user chose (/ask pipeline:), which wins over the channel's; the channel's model still applies. */
export function channelSettings(
  config: EffectiveConfig,
  channelId: string | null,
  chosenPipelineId?: string | null,
): ChannelSettings {
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
  updateChannel(
    guildId: string,
    channelId: string,
    change: (current: ChannelConfig) => ChannelConfig,
  ): Promise<EffectiveConfig>;
  /** Every pipeline id a server has set, so a prompts reload can refuse to remove one in use. */
  pipelinesInUse(): Promise<
    Array<{
      guildId: string;
      setting: 'default-pipeline' | 'compare-pipelines' | `channel ${string} pipeline`;
      pipelineId: string;
    }>
  >;
}

export const GUILD_CONFIG_NAMESPACE = 'guild-config';

/** `defaults` come from .env; publication has none: each server's admins decide for themselves. */
export function createGuildConfigService(store: Store, defaults: Omit<EffectiveConfig, 'publish'>): GuildConfigService {
  const configs = store.namespace(GUILD_CONFIG_NAMESPACE, GuildConfig);
  const marker = ratingsMarker(store);
  const effective = (stored: GuildConfig): EffectiveConfig => ({
    defaultPipeline: stored.defaultPipeline ?? defaults.defaultPipeline,
    comparePipelines: stored.comparePipelines ?? defaults.comparePipelines,
    modelOverrides: { ...defaults.modelOverrides, ...stored.modelOverrides },
    comparesPerHour: stored.comparesPerHour ?? defaults.comparesPerHour,
    answersPerHour: stored.answersPerHour ?? defaults.answersPerHour,
    dailyCostCapUsd: stored.dailyCostCapUsd ?? defaults.dailyCostCapUsd,
    votesPerDay: stored.votesPerDay ?? defaults.votesPerDay,
    threads: stored.threads ?? defaults.threads,
    publish: stored.publish ?? false,
    channels: stored.channels,
  });
  const stored = async (guildId: string) => (await configs.get(guildId)) ?? GuildConfig.parse({});
  const update: GuildConfigService['update'] = async (guildId, change) => {
    const current = await stored(guildId);
    const next = GuildConfig.parse(change(current));
    await configs.set(guildId, next);
    // Published ratings and the public dataset are counted from the servers that publish: they are out of date now.
    if ((current.publish ?? false) !== (next.publish ?? false)) await marker.touch();
    return effective(next);
  };
  return {
    async get(guildId) {
      return guildId ? effective(await stored(guildId)) : { ...defaults, publish: false };
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
        if (config.defaultPipeline)
          uses.push({ guildId, setting: 'default-pipeline', pipelineId: config.defaultPipeline });
        for (const pipelineId of config.comparePipelines ?? [])
          uses.push({ guildId, setting: 'compare-pipelines', pipelineId });
        for (const [channelId, channel] of Object.entries(config.channels)) {
          if (channel.pipeline)
            uses.push({ guildId, setting: `channel ${channelId} pipeline`, pipelineId: channel.pipeline });
        }
      }
      return uses;
    },
  };
}
