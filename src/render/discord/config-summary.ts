// Pure text of a server's effective settings for /config show (each value and whether it is the server's own
// choice or the deployment default, then every channel's own settings) and of one channel's for /channel show.
import type { ChannelConfig, EffectiveConfig, GuildConfig } from '../../records/guild-config.ts';
import { excerpt } from './text/excerpt.ts';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.ts';

// Room for the other lines of /config show; the rest of the message is for channel settings.
const CHANNEL_LINES_BUDGET = 900;

function channelLine(channelId: string, channel: ChannelConfig): string {
  const parts = [
    channel.pipeline ? `pipeline \`${channel.pipeline}\`` : '',
    channel.model ? `model \`${channel.model}\`` : '',
    channel.persona ? `persona “${excerpt(channel.persona, 60)}”` : '',
  ].filter(Boolean);
  return `- <#${channelId}>: ${parts.join(', ')}`;
}

function channelLines(channels: Record<string, ChannelConfig>): string[] {
  const entries = Object.entries(channels);
  if (entries.length === 0) return ['Channel settings: none (set them with /channel in a channel)'];
  const lines = ['Channel settings:'];
  let length = 0;
  for (const [index, [channelId, channel]] of entries.entries()) {
    const line = channelLine(channelId, channel);
    if (length + line.length > CHANNEL_LINES_BUDGET) {
      lines.push(`- …and ${entries.length - index} more channels`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines;
}

export function renderConfigSummary(
  effective: EffectiveConfig,
  stored: GuildConfig,
  usage: { spentUsd: number; spentIncomplete: boolean },
): string {
  const source = (set: boolean) => (set ? '' : ' _(default)_');
  const overrides = Object.entries(effective.modelOverrides);
  return [
    '**Settings for this server**',
    `Chat and /ask pipeline: \`${effective.defaultPipeline}\`${source(stored.defaultPipeline !== undefined)}`,
    `/compare pipelines: ${effective.comparePipelines.map((id) => `\`${id}\``).join(', ')}${source(stored.comparePipelines !== undefined)}`,
    `Model overrides: ${overrides.length ? overrides.map(([pipeline, model]) => `\`${pipeline}\` → \`${model}\``).join(', ') : 'none'}`,
    `Chat mentions and /ask continue in a thread: ${effective.threads ? 'yes' : 'no'}${source(stored.threads !== undefined)}`,
    `Comparisons per user per hour: ${effective.comparesPerHour || 'unlimited'}${source(stored.comparesPerHour !== undefined)}`,
    `Chat answers and /ask per user per hour: ${effective.answersPerHour || 'unlimited'}${source(stored.answersPerHour !== undefined)}`,
    `Daily model budget: ${effective.dailyCostCapUsd ? `$${effective.dailyCostCapUsd.toFixed(2)}` : 'no cap'}${source(stored.dailyCostCapUsd !== undefined)}`,
    `Spent today (UTC): $${usage.spentUsd.toFixed(4)}${usage.spentIncomplete ? ' (some models have no price, so this is a lower bound)' : ''}`,
    `Daily vote cap per member (votes past it are kept but left out of the ratings): ${effective.votesPerDay || 'no cap'}${source(stored.votesPerDay !== undefined)}`,
    `Published on the public page and its dataset (personal details filtered out): ${effective.publish ? 'yes' : 'no'}${source(stored.publish !== undefined)}`,
    ...channelLines(effective.channels),
  ].join('\n');
}

export function renderChannelSummary(effective: EffectiveConfig, channelId: string): string {
  const own = effective.channels[channelId] ?? {};
  const server = ' _(server’s)_';
  const header = [
    `**Settings for <#${channelId}>** (chat and /ask here and in its threads)`,
    `Pipeline: \`${own.pipeline ?? effective.defaultPipeline}\`${own.pipeline ? '' : server}`,
    `Model: ${own.model ? `\`${own.model}\`` : `the pipeline’s usual one${server}`}`,
  ].join('\n');
  if (!own.persona) return `${header}\nPersona: the usual system prompt`;
  const room = MESSAGE_CONTENT_MAX - header.length - 40;
  const persona = own.persona.length <= room ? own.persona : `${own.persona.slice(0, room - 1)}…`;
  return `${header}\nPersona (system prompt):\n>>> ${persona}`;
}
