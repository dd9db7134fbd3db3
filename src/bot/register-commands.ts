// Registers the slash commands with Discord: guild-scoped (instant, for testing) or global (may take up to
// an hour to appear). A bulk overwrite, so running it again is harmless.
import { REST, Routes } from 'discord.js';
import type { Command } from './command.ts';

export async function registerCommands(
  options: { token: string; applicationId: string; apiUrl: string; guildId?: string },
  commands: readonly Command[],
) {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  const body = commands.map((command) => command.data.toJSON());
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  await rest.put(route, { body });
  return { count: body.length, scope: options.guildId ? `server ${options.guildId}` : 'global' };
}
