// Discord's shard routing: a guild belongs to shard (guild_id >> 22) % num_shards; DMs go to shard 0. The fake
// gateway uses it to decide which session sees a guild and its events, and tests use it to make guilds that land
// on a chosen shard.
import type { GatewayEvent } from './context.ts';
import type { DiscordState } from './state.ts';

const DISCORD_EPOCH = 1_420_070_400_000n;

export const shardOfGuild = (guildId: string, shardCount: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(shardCount));

/** The guild an event concerns, or null for DMs and application-wide events. */
export function guildOfEvent(state: DiscordState, event: GatewayEvent): string | null {
  const data = event.data as { guild_id?: unknown; channel_id?: unknown };
  if (typeof data.guild_id === 'string') return data.guild_id;
  const channelId = event.channelId ?? (typeof data.channel_id === 'string' ? data.channel_id : undefined);
  return (channelId ? state.channels.get(channelId)?.guildId : null) ?? null;
}

/** A fresh snowflake (from a second ago, so it sorts before ids made now) that routes to `shard` of `shardCount`. */
export function snowflakeOnShard(shard: number, shardCount: number): string {
  let timestamp = BigInt(Date.now() - 1000) - DISCORD_EPOCH;
  while (Number(timestamp % BigInt(shardCount)) !== shard) timestamp -= 1n;
  return ((timestamp << 22n) | BigInt(Math.floor(Math.random() * 4096))).toString();
}
