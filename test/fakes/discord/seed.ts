// Builds the starting world from startFakeDiscord's options: the bot (its user id is the application id, as on
// Discord), test users, guilds with @everyone, a managed bot role and text channels, and everyone as a member.
import { ChannelType } from 'discord.js';
import type { APIRole, RoleFlags } from 'discord.js';
import type { FakeContext } from './context.ts';
import { nowIso } from './context.ts';
import { permissionBits, type PermissionName } from './permissions.ts';
import type { FakeGuild, FakeUser } from './state.ts';

export interface FakeUserOptions {
  username: string;
  bot?: boolean;
  /** Gives the user a role of their own with these permissions in every guild (e.g. ['ManageGuild']). */
  permissions?: PermissionName[];
}

export interface FakeGuildOptions {
  name?: string;
  /** Text channel names, in order; the first is the guild's default channel in FakeDiscord. */
  channels?: string[];
  /** A chosen id, e.g. snowflakeOnShard(1, 2) to put the guild on shard 1 of 2; default a fresh snowflake. */
  id?: string;
  /** false: the bot is not a member (the app reaches it only through a user install): no GUILD_CREATE, no access. */
  withBot?: boolean;
}

export const DEFAULT_EVERYONE_PERMISSIONS: PermissionName[] = [
  'CreateInstantInvite',
  'ChangeNickname',
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'UseExternalEmojis',
  'ReadMessageHistory',
  'MentionEveryone',
  'UseApplicationCommands',
  'Connect',
  'Speak',
];

export const DEFAULT_BOT_PERMISSIONS: PermissionName[] = [
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'ReadMessageHistory',
  'UseExternalEmojis',
  'UseApplicationCommands',
];

const role = (
  id: string,
  name: string,
  position: number,
  permissions: bigint,
  extra: Partial<APIRole> = {},
): APIRole => ({
  id,
  name,
  color: 0,
  colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
  hoist: false,
  icon: null,
  unicode_emoji: null,
  position,
  permissions: permissions.toString(),
  managed: false,
  mentionable: false,
  flags: 0 as RoleFlags,
  ...extra,
});

export function addUser(context: FakeContext, options: FakeUserOptions, id = context.ids.next()): FakeUser {
  const user: FakeUser = {
    id,
    username: options.username,
    globalName: options.bot ? null : options.username,
    bot: options.bot ?? false,
    dmsClosed: false,
  };
  context.state.users.set(id, user);
  for (const guild of context.state.guilds.values()) addMember(context, guild, user.id, options.permissions);
  return user;
}

export function addMember(
  context: FakeContext,
  guild: FakeGuild,
  userId: string,
  permissions?: PermissionName[],
): void {
  const roleIds: string[] = [];
  if (permissions) {
    const own = role(
      context.ids.next(),
      `${context.state.users.get(userId)?.username ?? userId} role`,
      guild.roles.size,
      permissionBits(permissions),
    );
    guild.roles.set(own.id, own);
    roleIds.push(own.id);
  }
  guild.members.set(userId, { userId, roleIds, joinedAt: nowIso(), nick: null });
}

export function addGuild(
  context: FakeContext,
  options: FakeGuildOptions,
  ownerId: string,
  permissions: { everyone: PermissionName[]; bot: PermissionName[] },
): FakeGuild {
  const { state } = context;
  const id = options.id ?? context.ids.next();
  const guild: FakeGuild = {
    id,
    name: options.name ?? 'Dialog Lab',
    ownerId,
    joinedAt: nowIso(),
    roles: new Map(),
    members: new Map(),
    channelIds: [],
  };
  guild.roles.set(id, role(id, '@everyone', 0, permissionBits(permissions.everyone)));
  const botRole = role(
    context.ids.next(),
    state.users.get(state.botUserId)?.username ?? 'bot',
    1,
    permissionBits(permissions.bot),
    {
      managed: true,
      tags: { bot_id: state.botUserId },
    },
  );
  guild.roles.set(botRole.id, botRole);
  (options.channels ?? ['general', 'votes']).forEach((name, position) => {
    const channelId = context.ids.next();
    state.channels.set(channelId, {
      id: channelId,
      type: ChannelType.GuildText,
      guildId: id,
      name,
      position,
      topic: null,
      overwrites: new Map(),
      recipientId: null,
      lastMessageId: null,
    });
    guild.channelIds.push(channelId);
  });
  state.guilds.set(id, guild);
  if (options.withBot !== false)
    guild.members.set(state.botUserId, {
      userId: state.botUserId,
      roleIds: [botRole.id],
      joinedAt: nowIso(),
      nick: null,
    });
  return guild;
}
