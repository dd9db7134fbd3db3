// INTERACTION_CREATE payloads as Discord sends them: the invoking member with permissions (or the DM user),
// app_permissions for the channel, the channel itself, who installed the app (guild or user), and the type-specific data.
import { ChannelType } from 'discord.js';
import type { APIBaseInteraction, InteractionType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { permissionsIn } from './lookups.ts';
import { channelPayload, FAKE_LOCALE, memberPayload, userPayload } from './payloads.ts';
import { permissionBits, type PermissionName } from './permissions.ts';
import type { FakeChannel } from './state.ts';

export interface InteractionOrigin {
  userId: string;
  channel: FakeChannel;
  /** Overrides member.permissions, e.g. ['Administrator'] to test a staff-only command. */
  memberPermissions?: PermissionName[];
}

type BaseInteraction = Omit<APIBaseInteraction<InteractionType, unknown>, 'type' | 'data'>;
type CommonFields = Omit<BaseInteraction, 'authorizing_integration_owners'>;

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function interactionBase(
  context: FakeContext,
  origin: InteractionOrigin,
  id: string,
  token: string,
): BaseInteraction {
  const { state } = context;
  const { channel, userId } = origin;
  if (!state.users.has(userId)) throw new Error(`fake discord: unknown user ${userId}`);
  const base: CommonFields = {
    id,
    token,
    application_id: state.applicationId,
    version: 1,
    locale: FAKE_LOCALE,
    entitlements: [],
    app_permissions: permissionsIn(state, channel, state.botUserId).toString(),
    channel: channelPayload(state, channel) as BaseInteraction['channel'],
    channel_id: channel.id,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (channel.type === ChannelType.DM || !channel.guildId) {
    return { ...base, user: userPayload(state, userId), authorizing_integration_owners: { 1: userId }, context: 1 };
  }
  const guild = state.guilds.get(channel.guildId);
  const member = guild?.members.get(userId);
  if (!guild || !member) throw new Error(`fake discord: user ${userId} is not a member of guild ${channel.guildId}`);
  const permissions = origin.memberPermissions
    ? permissionBits(origin.memberPermissions)
    : permissionsIn(state, channel, userId);
  return {
    ...base,
    guild_id: guild.id,
    guild: { id: guild.id, features: [], locale: FAKE_LOCALE },
    guild_locale: FAKE_LOCALE,
    member: { ...memberPayload(state, member), user: userPayload(state, userId), permissions: permissions.toString() },
    // Without the bot in the guild the app can only have been installed by the user (a user install).
    authorizing_integration_owners: guild.members.has(state.botUserId) ? { 0: guild.id } : { 1: userId },
    context: 0,
  };
}
