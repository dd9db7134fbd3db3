// Whether a command's comparison can be voted on with reactions: only where the bot can add and read them. A user
// install in a server the bot is not in (the guild install is missing from the interaction's authorizing owners)
// and a private channel (a group DM) leave the bot no reactions, so votes are taken with buttons there.
import { ApplicationIntegrationType, InteractionContextType, type ChatInputCommandInteraction } from 'discord.js';
import type { BallotKind } from '../../render/discord/vote-buttons.js';

export function ballotKind(interaction: Pick<ChatInputCommandInteraction, 'context' | 'guildId' | 'authorizingIntegrationOwners'>): BallotKind {
  if (interaction.context === InteractionContextType.PrivateChannel) return 'buttons';
  const installedInGuild = interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] !== undefined;
  return interaction.guildId !== null && !installedInGuild ? 'buttons' : 'reactions';
}
