// Discord's permission arithmetic: guild roles, then channel overwrites (@everyone, roles, member), with the
// implicit rules Discord applies (no View Channel means nothing; no Send Messages drops embeds, files, mentions).
import { OverwriteType, PermissionFlagsBits } from 'discord.js';
import type { FakeChannel, FakeGuild } from './state.ts';

export type PermissionName = keyof typeof PermissionFlagsBits;

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export function permissionBits(names: readonly PermissionName[]): bigint {
  return names.reduce((bits, name) => {
    const bit = PermissionFlagsBits[name];
    if (bit === undefined) throw new Error(`fake discord: unknown permission name '${String(name)}'`);
    return bits | bit;
  }, 0n);
}

export function permissionNames(bits: bigint): PermissionName[] {
  return (Object.keys(PermissionFlagsBits) as PermissionName[]).filter(
    (name) => (bits & PermissionFlagsBits[name]) !== 0n,
  );
}

export function guildPermissions(guild: FakeGuild, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let bits = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member.roleIds) bits |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

const NEEDS_SEND_MESSAGES =
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.SendTTSMessages |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks;

export function channelPermissions(guild: FakeGuild, channel: FakeChannel, userId: string): bigint {
  let bits = guildPermissions(guild, userId);
  if (bits === ALL_PERMISSIONS) return bits;
  const member = guild.members.get(userId);
  const everyone = channel.overwrites.get(guild.id);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of channel.overwrites.values()) {
    if (overwrite.type !== OverwriteType.Role || overwrite.id === guild.id) continue;
    if (!member?.roleIds.includes(overwrite.id)) continue;
    roleAllow |= overwrite.allow;
    roleDeny |= overwrite.deny;
  }
  bits = (bits & ~roleDeny) | roleAllow;
  const own = channel.overwrites.get(userId);
  if (own?.type === OverwriteType.Member) bits = (bits & ~own.deny) | own.allow;
  if ((bits & PermissionFlagsBits.ViewChannel) === 0n) return 0n;
  if ((bits & PermissionFlagsBits.SendMessages) === 0n) bits &= ~NEEDS_SEND_MESSAGES;
  return bits;
}

/** What Discord grants an app in a DM with a user (there are no roles or overwrites there). */
export const DM_PERMISSIONS = permissionBits([
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'AttachFiles',
  'ReadMessageHistory',
  'AddReactions',
  'UseExternalEmojis',
  'MentionEveryone',
  'UseApplicationCommands',
  'SendTTSMessages',
]);
