// Test switches for what the bot may do: channel overwrites that deny it permissions (shown to the bot through
// CHANNEL_UPDATE, enforced on REST with 50013) and the bot role's guild-wide permissions.
import { GatewayDispatchEvents, GatewayIntentBits, OverwriteType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { channelUpdateEvent } from './events.ts';
import { permissionBits, type PermissionName } from './permissions.ts';

function guildChannel(context: FakeContext, channelId: string) {
  const channel = context.state.channels.get(channelId);
  if (!channel?.guildId) throw new Error(`fake discord: ${channelId} is not a guild channel`);
  return channel;
}

/** Adds a member overwrite denying these permissions to the user (the bot when not given) in one channel. */
export function denyPermissions(
  context: FakeContext,
  channelId: string,
  names: PermissionName[],
  userId = context.state.botUserId,
): void {
  const channel = guildChannel(context, channelId);
  const bits = permissionBits(names);
  const overwrite = channel.overwrites.get(userId) ?? { id: userId, type: OverwriteType.Member, allow: 0n, deny: 0n };
  overwrite.deny |= bits;
  overwrite.allow &= ~bits;
  channel.overwrites.set(userId, overwrite);
  context.dispatch(channelUpdateEvent(context.state, channel));
  context.changes.notify();
}

export function clearPermissionOverwrites(context: FakeContext, channelId: string): void {
  const channel = guildChannel(context, channelId);
  channel.overwrites.clear();
  context.dispatch(channelUpdateEvent(context.state, channel));
  context.changes.notify();
}

/** Replaces the permissions of the bot's managed role in a guild. */
export function setBotRolePermissions(context: FakeContext, guildId: string, names: PermissionName[]): void {
  const guild = context.state.guilds.get(guildId);
  const role = [...(guild?.roles.values() ?? [])].find(
    (candidate) => candidate.tags?.bot_id === context.state.botUserId,
  );
  if (!guild || !role) throw new Error(`fake discord: no bot role in guild ${guildId}`);
  role.permissions = permissionBits(names).toString();
  context.dispatch({
    type: GatewayDispatchEvents.GuildRoleUpdate,
    data: { guild_id: guild.id, role },
    intents: GatewayIntentBits.Guilds,
  });
  context.changes.notify();
}
