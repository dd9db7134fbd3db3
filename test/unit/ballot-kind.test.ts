// Where a comparison's ballot is reactions and where it must be buttons, from what the interaction says.
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ballotKind } from '../../src/bot/votes/ballot-kind.ts';

const GUILD = '1100000000000000001';
const USER = '1300000000000000001';

describe('ballotKind', () => {
  it('takes reactions in a server that installed the bot, and in the bot’s DMs', () => {
    expect(
      ballotKind({
        context: InteractionContextType.Guild,
        guildId: GUILD,
        authorizingIntegrationOwners: {
          [ApplicationIntegrationType.GuildInstall]: GUILD,
          [ApplicationIntegrationType.UserInstall]: USER,
        },
      }),
    ).toBe('reactions');
    expect(
      ballotKind({
        context: InteractionContextType.BotDM,
        guildId: null,
        authorizingIntegrationOwners: { [ApplicationIntegrationType.UserInstall]: USER },
      }),
    ).toBe('reactions');
  });

  it('takes buttons in a server only the user installed the app for, and in a group DM', () => {
    expect(
      ballotKind({
        context: InteractionContextType.Guild,
        guildId: GUILD,
        authorizingIntegrationOwners: { [ApplicationIntegrationType.UserInstall]: USER },
      }),
    ).toBe('buttons');
    expect(
      ballotKind({
        context: InteractionContextType.PrivateChannel,
        guildId: null,
        authorizingIntegrationOwners: { [ApplicationIntegrationType.UserInstall]: USER },
      }),
    ).toBe('buttons');
  });
});
