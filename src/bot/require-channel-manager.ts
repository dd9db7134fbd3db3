// Channel settings: only in a server, and only for members with Manage Server or Manage Channels (the latter
// as it applies in this channel, which is what Discord sends with the interaction).
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../base/user-error.ts';

export function requireChannelManager(interaction: ChatInputCommandInteraction): {
  guildId: string;
  channelId: string;
} {
  if (!interaction.inGuild())
    throw new UserError('guild-only', `/${interaction.commandName} works in a server, not in direct messages.`);
  const permissions = interaction.memberPermissions;
  if (!permissions.has(PermissionFlagsBits.ManageGuild) && !permissions.has(PermissionFlagsBits.ManageChannels)) {
    throw new UserError(
      'missing-permission',
      `/${interaction.commandName} needs the Manage Server or Manage Channels permission.`,
    );
  }
  // A thread shares its parent channel's settings.
  const channel = interaction.channel;
  return {
    guildId: interaction.guildId,
    channelId: channel?.isThread() && channel.parentId ? channel.parentId : interaction.channelId,
  };
}
