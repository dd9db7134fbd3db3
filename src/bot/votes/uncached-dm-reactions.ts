// Reaction events from DM channels discord.js has not cached, read from the gateway packet itself. Discord's
// MESSAGE_REACTION_ADD/REMOVE carry no channel type, so discord.js cannot build a DM channel it has not seen (after a
// restart, every DM) and drops the event, Partials.Channel or not. Handling the raw packet covers DMs of any age
// at no REST cost; fetching the DM channels of recent comparisons at start-up would cost a call per channel and
// still miss older ones. Events discord.js does handle (guilds, cached DMs) are left to it, so none counts twice.
import { Events, GatewayDispatchEvents, type Client } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../base/logger.ts';
import type { ReactionChange } from '../../records/votes/vote-ledger.ts';

/** A reaction from a DM channel the client has not cached: only ids and the emoji name, as Discord sends them. */
export interface UncachedDmReaction {
  messageId: string;
  channelId: string;
  userId: string;
  emoji: string | null;
}

const REACTION_EVENTS = new Set<unknown>([
  GatewayDispatchEvents.MessageReactionAdd,
  GatewayDispatchEvents.MessageReactionRemove,
]);
// Every gateway packet passes by: only reaction events are parsed.
const isReactionEvent = (packet: unknown) =>
  typeof packet === 'object' && packet !== null && 't' in packet && REACTION_EVENTS.has(packet.t);

const ReactionPacketSchema = z.object({
  t: z.enum([GatewayDispatchEvents.MessageReactionAdd, GatewayDispatchEvents.MessageReactionRemove]),
  d: z.object({
    user_id: z.string().min(1),
    channel_id: z.string().min(1),
    message_id: z.string().min(1),
    guild_id: z.string().optional(),
    emoji: z.object({ name: z.string().nullable() }),
  }),
});

export function onUncachedDmReaction(
  client: Client,
  log: Logger,
  listener: (reaction: UncachedDmReaction, change: ReactionChange) => void,
): void {
  // Emitted synchronously just before discord.js handles the same packet, so the cache seen here is the one it sees.
  client.on(Events.Raw, (packet: unknown) => {
    if (!isReactionEvent(packet)) return;
    const parsed = ReactionPacketSchema.safeParse(packet);
    if (!parsed.success) {
      log.debug?.(
        `a reaction event from Discord is not shaped as expected, so it was not read as a DM vote: ${z.prettifyError(parsed.error)}`,
      );
      return;
    }
    const { t: type, d: data } = parsed.data;
    if (data.guild_id !== undefined || client.channels.cache.get(data.channel_id)?.isTextBased() === true) return;
    listener(
      { messageId: data.message_id, channelId: data.channel_id, userId: data.user_id, emoji: data.emoji.name },
      type === GatewayDispatchEvents.MessageReactionAdd ? 'add' : 'remove',
    );
  });
}
