// The discord.js client with only what the bot needs: message content for chat, reactions in servers
// and DMs for votes, partials so reactions on uncached (old, pre-restart) messages still arrive, and
// mentions disabled client-wide so model text can never ping @everyone, a role or a user.
import { Client, GatewayIntentBits, Partials } from 'discord.js';

export function createClient(options: { apiUrl: string }): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.DirectMessageReactions,
    ],
    partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api: options.apiUrl },
  });
}
