// Finding things a REST call names and checking the bot may touch them, with the errors Discord gives when not.
import { ChannelType } from 'discord.js';
import { channelPermissions, DM_PERMISSIONS, permissionBits, type PermissionName } from './permissions.ts';
import { discordErrors } from './rest-error.ts';
import type { DiscordState, FakeChannel, FakeGuild, StoredMessage } from './state.ts';

export function requireChannel(state: DiscordState, channelId: string): FakeChannel {
  const channel = state.channels.get(channelId);
  if (!channel) throw discordErrors.unknownChannel();
  return channel;
}

export function requireGuild(state: DiscordState, guildId: string): FakeGuild {
  const guild = state.guilds.get(guildId);
  if (!guild) throw discordErrors.unknownGuild();
  return guild;
}

export function requireMessage(state: DiscordState, channelId: string, messageId: string): StoredMessage {
  const message = state.messages.get(messageId);
  if (!message || message.deleted || message.ephemeral || message.channelId !== channelId)
    throw discordErrors.unknownMessage();
  return message;
}

/** The permissions a user holds in a channel; DMs have a fixed set. */
export function permissionsIn(state: DiscordState, channel: FakeChannel, userId: string): bigint {
  if (channel.type === ChannelType.DM || !channel.guildId) return DM_PERMISSIONS;
  const guild = state.guilds.get(channel.guildId);
  if (!guild?.members.has(userId)) return 0n; // not a member (the bot in a server it reaches only by user install)
  // A thread has no overwrites of its own: its parent channel's permissions apply.
  const parent = channel.thread ? state.channels.get(channel.thread.parentId) : channel;
  return guild && parent ? channelPermissions(guild, parent, userId) : 0n;
}

/** 50001 when the bot cannot see the channel, 50013 when it lacks one of the other permissions. */
export function requireBotPermissions(state: DiscordState, channel: FakeChannel, names: PermissionName[]): void {
  if (channel.type === ChannelType.DM) {
    const recipient = channel.recipientId ? state.users.get(channel.recipientId) : undefined;
    if (recipient?.dmsClosed && names.includes('SendMessages')) throw discordErrors.cannotMessageUser();
    return;
  }
  const held = permissionsIn(state, channel, state.botUserId);
  if ((held & permissionBits(['ViewChannel'])) === 0n) throw discordErrors.missingAccess();
  // In threads Discord checks Send Messages in Threads instead of Send Messages.
  const needed = permissionBits(
    channel.thread ? names.map((name) => (name === 'SendMessages' ? 'SendMessagesInThreads' : name)) : names,
  );
  if ((held & needed) !== needed) throw discordErrors.missingPermissions();
}
