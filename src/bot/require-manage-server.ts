// Admin commands: only in a server, and only for members with Manage Server. Discord hides such commands
// from others via default member permissions, but server admins can override that, so we check again.
import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../base/user-error.ts';

export function requireManageServer(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild())
    throw new UserError('guild-only', `/${interaction.commandName} works in a server, not in direct messages.`);
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('missing-permission', `/${interaction.commandName} needs the Manage Server permission.`);
  }
  return interaction.guildId;
}
