// Logs a plain discord.js Client in to a FakeDiscord and waits until it is ready (guilds cached), for tests and
// benchmarks that need a client without the bot's own code.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Partials } from 'discord.js';
import type { FakeDiscord } from './fake-discord.ts';

export const DEFAULT_TEST_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.DirectMessageReactions,
];

export async function loginBareClient(
  fake: FakeDiscord,
  options: { intents?: GatewayIntentBits[]; partials?: Partials[] } = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: options.intents ?? DEFAULT_TEST_INTENTS,
    partials: options.partials ?? [],
    rest: { api: fake.apiUrl },
    allowedMentions: { parse: [] },
  });
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(fake.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return client as Client<true>;
}
