// `npm run deploy-commands [-- --guild <id> | --global]`: registers the slash commands. Defaults to
// DISCORD_GUILD_ID when set (instant), else global.
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { commands } from '../../commands/index.js';
import { ConfigError, loadDeploySettings } from '../config/env.js';
import { registerCommands } from '../bot/register-commands.js';

loadDotenv({ quiet: true });
try {
  const { values } = parseArgs({ options: { guild: { type: 'string' }, global: { type: 'boolean', default: false } } });
  const settings = loadDeploySettings(process.env);
  const guildId = values.global ? undefined : (values.guild ?? settings.DISCORD_GUILD_ID);
  const { count, scope } = await registerCommands(
    { token: settings.DISCORD_TOKEN, applicationId: settings.DISCORD_CLIENT_ID, apiUrl: settings.DISCORD_API_URL, guildId },
    commands,
  );
  console.log(`Registered ${count} commands (${scope}).${guildId ? '' : ' Global commands can take up to an hour to show up.'}`);
} catch (error) {
  console.error(`Could not register commands: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
