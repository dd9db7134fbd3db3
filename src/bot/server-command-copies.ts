// Commands registered both globally and in a server show twice there. After a global deploy, the server-scoped
// copies (same names) are removed from every server the bot is in; after a server deploy, the global set is
// looked up so the script can warn. Other server-only commands are left alone.
import { type REST, Routes } from 'discord.js';
import { z } from 'zod';

const Guilds = z.array(z.looseObject({ id: z.string() }));
const Commands = z.array(z.looseObject({ id: z.string(), name: z.string() }));
// Discord's maximum page size for GET /users/@me/guilds.
const PAGE = 200;

async function botGuildIds(rest: REST): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(ids.length ? { after: ids[ids.length - 1] } : {}) });
    const page = Guilds.parse(await rest.get(Routes.userGuilds(), { query }));
    ids.push(...page.map((guild) => guild.id));
    if (page.length < PAGE) return ids;
  }
}

/** Deletes server-scoped commands named like `names` in every server; returns how many per server. */
export async function removeServerCopies(
  rest: REST,
  applicationId: string,
  names: ReadonlySet<string>,
): Promise<Array<{ guildId: string; removed: number }>> {
  const cleaned: Array<{ guildId: string; removed: number }> = [];
  for (const guildId of await botGuildIds(rest)) {
    const copies = Commands.parse(await rest.get(Routes.applicationGuildCommands(applicationId, guildId))).filter(
      (command) => names.has(command.name),
    );
    for (const copy of copies) await rest.delete(Routes.applicationGuildCommand(applicationId, guildId, copy.id));
    if (copies.length > 0) cleaned.push({ guildId, removed: copies.length });
  }
  return cleaned;
}

/** Names of `names` that are also registered globally. */
export async function globalDuplicates(
  rest: REST,
  applicationId: string,
  names: ReadonlySet<string>,
): Promise<string[]> {
  return Commands.parse(await rest.get(Routes.applicationCommands(applicationId)))
    .map((command) => command.name)
    .filter((name) => names.has(name));
}
