// Whether a command's comparison can be voted on with reactions: only where the bot can add and read them. A user
// install in a server the bot is not in (the guild install is missing from the interaction's authorizing owners)
// and a private channel (a group DM) leave the bot no reactions, so votes are taken with buttons there.
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import type { BallotKind } from '../../render/discord/vote-buttons.ts';

/** What a discord.js interaction carries about where it ran and who installed the app. */
export interface InstallContext {
  context: InteractionContextType | null;
  guildId: string | null;
  authorizingIntegrationOwners: {
    readonly [ApplicationIntegrationType.GuildInstall]?: string;
    readonly [ApplicationIntegrationType.UserInstall]?: string;
  };
}

export function ballotKind(interaction: InstallContext): BallotKind {
  if (interaction.context === InteractionContextType.PrivateChannel) return 'buttons';
  const installedInGuild =
    interaction.authorizingIntegrationOwners[ApplicationIntegrationType.GuildInstall] !== undefined;
  return interaction.guildId !== null && !installedInGuild ? 'buttons' : 'reactions';
}
