// `npm run deploy-commands [-- --guild <id> | --global]`: registers the slash commands. Defaults to
// DISCORD_GUILD_ID when set (instant), else global. A global deploy removes the server-scoped copies, and a
// server deploy warns about global ones, since a command registered both ways shows twice.
import { ApplicationIntegrationType, REST } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { loadDeploySettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { unreachableCode, unreachableMessage } from '../bot/discord-unreachable.ts';
import { registerCommands } from '../bot/register-commands.ts';
import { globalDuplicates, removeServerCopies } from '../bot/server-command-copies.ts';

const USAGE = `Usage: npm run deploy-commands [-- options]

Options:
  --guild <id>   register in this server only (instant); default: DISCORD_GUILD_ID
  --global       register for every server (can take up to an hour to show up), and remove the
                 server-scoped copies, which would otherwise show every command twice
  -h, --help     show this help`;

async function main(): Promise<number> {
  const { values } = parseCliArgs({
    options: {
      guild: { type: 'string' },
      global: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.global && values.guild !== undefined) throw new UsageError('Give either --global or --guild, not both.');
  loadEnvironment(process.env);
  const settings = loadDeploySettings(process.env);
  const guildId = values.global ? undefined : (values.guild ?? settings.DISCORD_GUILD_ID);
  const target = {
    token: settings.DISCORD_TOKEN,
    applicationId: settings.DISCORD_CLIENT_ID,
    apiUrl: settings.DISCORD_API_URL,
    guildId,
  };
  const names = new Set(commands.map((command) => command.data.name));
  const rest = new REST({ api: settings.DISCORD_API_URL }).setToken(settings.DISCORD_TOKEN);
  try {
    const { count, scope } = await registerCommands(target, commands);
    console.log(
      `Registered ${count} commands (${scope}).${guildId ? '' : ' Global commands can take up to an hour to show up.'}`,
    );
    if (guildId === undefined) {
      for (const { guildId: server, removed } of await removeServerCopies(rest, settings.DISCORD_CLIENT_ID, names)) {
        console.log(
          `Removed ${removed} server-scoped cop${removed === 1 ? 'y' : 'ies'} in server ${server}, so no command shows twice there.`,
        );
      }
    } else {
      // Discord offers user installs only global commands.
      const userInstallable = commands.filter((command) =>
        command.data.toJSON().integration_types?.includes(ApplicationIntegrationType.UserInstall),
      );
      if (userInstallable.length > 0) {
        console.log(
          `Note: ${userInstallable.map((command) => `/${command.data.name}`).join(' and ')} can be installed by users for use anywhere only once registered globally (\`npm run deploy-commands -- --global\`).`,
        );
      }
      const duplicates = await globalDuplicates(rest, settings.DISCORD_CLIENT_ID, names);
      if (duplicates.length > 0) {
        console.warn(
          `Warning: ${duplicates.length} of these commands are also registered globally, so server ${guildId} shows them twice. Run \`npm run deploy-commands -- --global\` to keep only the global ones.`,
        );
      }
    }
  } catch (error) {
    const code = unreachableCode(error);
    if (code === undefined) throw error;
    console.error(`Could not register commands: ${unreachableMessage(settings.DISCORD_API_URL, code)}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`Could not register commands: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
