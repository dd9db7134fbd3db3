// The servers whose admins turned publication on (/config publish on): only their comparisons reach the public
// page, its ratings and its dataset. Read from the stored server settings, parsed as on every read.
import type { Store } from '../store/open-store.ts';
import { GUILD_CONFIG_NAMESPACE, GuildConfig } from './guild-config.ts';

export async function publishedGuildIds(store: Store): Promise<ReadonlySet<string>> {
  const published = new Set<string>();
  for await (const [guildId, config] of store.namespace(GUILD_CONFIG_NAMESPACE, GuildConfig).entries()) {
    if (config.publish === true) published.add(guildId);
  }
  return published;
}
