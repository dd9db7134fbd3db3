// Pure text of a server's effective settings for /config show: each value and whether it is the server's
// own choice or the deployment default.
import type { EffectiveConfig, GuildConfig } from '../../guild-config/guild-config.js';

export function renderConfigSummary(effective: EffectiveConfig, stored: GuildConfig, usage: { spentUsd: number; spentIncomplete: boolean }): string {
  const source = (set: boolean) => (set ? '' : ' _(default)_');
  const overrides = Object.entries(effective.modelOverrides);
  return [
    '**Settings for this server**',
    `Chat and /ask pipeline: \`${effective.defaultPipeline}\`${source(stored.defaultPipeline !== undefined)}`,
    `/compare pipelines: ${effective.comparePipelines.map((id) => `\`${id}\``).join(', ')}${source(stored.comparePipelines !== undefined)}`,
    `Model overrides: ${overrides.length ? overrides.map(([pipeline, model]) => `\`${pipeline}\` → \`${model}\``).join(', ') : 'none'}`,
    `Comparisons per user per hour: ${effective.comparesPerHour || 'unlimited'}${source(stored.comparesPerHour !== undefined)}`,
    `Chat answers and /ask per user per hour: ${effective.answersPerHour || 'unlimited'}${source(stored.answersPerHour !== undefined)}`,
    `Daily model budget: ${effective.dailyCostCapUsd ? `$${effective.dailyCostCapUsd.toFixed(2)}` : 'no cap'}${source(stored.dailyCostCapUsd !== undefined)}`,
    `Spent today (UTC): $${usage.spentUsd.toFixed(4)}${usage.spentIncomplete ? ' (some models have no price, so this is a lower bound)' : ''}`,
  ].join('\n');
}
