// Turns the fake's records into API v10 objects (users, members, channels, guilds) shaped like Discord's own.
import { ChannelType } from 'discord.js';
import type {
  APIChannel,
  APIGuild,
  APIGuildMember,
  APIOverwrite,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  UserFlags,
} from 'discord.js';
import type { DiscordState, FakeChannel, FakeGuild, FakeMember } from './state.ts';

const LOCALE = 'en-US' as Locale;

export function userPayload(state: DiscordState, userId: string): APIUser {
  const user = state.users.get(userId);
  if (!user) throw new Error(`fake discord: unknown user ${userId}`);
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName,
    discriminator: '0',
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function memberPayload(state: DiscordState, member: FakeMember): APIGuildMember {
  return {
    user: userPayload(state, member.userId),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function memberWithoutUser(state: DiscordState, member: FakeMember): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = memberPayload(state, member);
  return rest;
}

const overwritePayload = (overwrite: { id: string; type: number; allow: bigint; deny: bigint }): APIOverwrite => ({
  id: overwrite.id,
  type: overwrite.type,
  allow: overwrite.allow.toString(),
  deny: overwrite.deny.toString(),
});

export function channelPayload(state: DiscordState, channel: FakeChannel): APIChannel {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      name: null,
      last_message_id: channel.lastMessageId,
      flags: 0 as ChannelFlags,
      recipients: channel.recipientId ? [userPayload(state, channel.recipientId)] : [],
    };
  }
  if (channel.type === ChannelType.PublicThread && channel.thread) {
    const messageCount = state.channelMessages.get(channel.id)?.length ?? 0;
    return {
      id: channel.id,
      type: ChannelType.PublicThread,
      guild_id: channel.guildId ?? undefined,
      name: channel.name ?? '',
      parent_id: channel.thread.parentId,
      owner_id: channel.thread.ownerId,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
      message_count: messageCount,
      member_count: 1,
      total_message_sent: messageCount,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: channel.thread.createdAt,
        locked: false,
        create_timestamp: channel.thread.createdAt,
      },
    } as APIChannel;
  }
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: channel.guildId ?? undefined,
    name: channel.name ?? '',
    position: channel.position,
    topic: channel.topic,
    nsfw: false,
    parent_id: null,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
    permission_overwrites: [...channel.overwrites.values()].map(overwritePayload),
  };
}

export function guildPayload(guild: FakeGuild): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: LOCALE,
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    max_video_channel_users: 25,
  };
}

/** Like Discord, a guild above the session's large_threshold lists only the bot among its members. */
export function guildCreatePayload(
  state: DiscordState,
  guild: FakeGuild,
  largeThreshold: number,
): GatewayGuildCreateDispatchData {
  const large = guild.members.size > largeThreshold;
  const members = [...guild.members.values()].filter((member) => !large || member.userId === state.botUserId);
  return {
    ...guildPayload(guild),
    joined_at: guild.joinedAt,
    large,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: members.map((member) => memberPayload(state, member)),
    channels: guild.channelIds.flatMap((id) => {
      const channel = state.channels.get(id);
      return channel && channel.type !== ChannelType.PublicThread ? [channelPayload(state, channel)] : [];
    }) as GatewayGuildCreateDispatchData['channels'],
    threads: guild.channelIds.flatMap((id) => {
      const channel = state.channels.get(id);
      return channel?.type === ChannelType.PublicThread ? [channelPayload(state, channel)] : [];
    }) as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export const FAKE_LOCALE = LOCALE;
