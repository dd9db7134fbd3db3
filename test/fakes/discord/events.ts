// Gateway events built from the fake's records, each tagged with the intents Discord requires for it and, for
// messages, the redacted copy sessions without the Message Content intent get.
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import type { GatewayEvent } from './context.ts';
import { messagePayload } from './message-payload.ts';
import { channelPayload, memberPayload } from './payloads.ts';
import type { DiscordState, FakeChannel, ReactionRecord, StoredMessage } from './state.ts';

const messageIntents = (message: StoredMessage): number =>
  message.guildId ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;

const reactionIntents = (message: StoredMessage): number =>
  message.guildId ? GatewayIntentBits.GuildMessageReactions : GatewayIntentBits.DirectMessageReactions;

/** Discord keeps content for DMs, the bot's own messages and messages that mention it. */
function needsRedaction(state: DiscordState, message: StoredMessage): boolean {
  return (
    message.guildId !== null && message.authorId !== state.botUserId && !message.pinged.users.includes(state.botUserId)
  );
}

/** Gateway message events also carry channel_type (undocumented, but discord.js relies on it for uncached DMs). */
function messageEvent(state: DiscordState, type: GatewayDispatchEvents, message: StoredMessage): GatewayEvent {
  const channelType = state.channels.get(message.channelId)?.type;
  const data = { ...messagePayload(state, message, { withMember: true }), channel_type: channelType };
  const event: GatewayEvent = { type, data, intents: messageIntents(message), channelId: message.channelId };
  if (needsRedaction(state, message)) {
    event.withoutContent = { ...data, content: '', embeds: [], attachments: [], components: [] };
  }
  return event;
}

export const messageCreateEvent = (state: DiscordState, message: StoredMessage): GatewayEvent =>
  messageEvent(state, GatewayDispatchEvents.MessageCreate, message);

export const messageUpdateEvent = (state: DiscordState, message: StoredMessage): GatewayEvent =>
  messageEvent(state, GatewayDispatchEvents.MessageUpdate, message);

export const messageDeleteEvent = (message: StoredMessage): GatewayEvent => ({
  type: GatewayDispatchEvents.MessageDelete,
  data: { id: message.id, channel_id: message.channelId, ...(message.guildId ? { guild_id: message.guildId } : {}) },
  intents: messageIntents(message),
  channelId: message.channelId,
});

function reactionData(message: StoredMessage, userId: string, reaction: ReactionRecord): Record<string, unknown> {
  return {
    user_id: userId,
    channel_id: message.channelId,
    message_id: message.id,
    emoji: reaction.emoji,
    burst: false,
    type: 0,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
  };
}

export function reactionAddEvent(
  state: DiscordState,
  message: StoredMessage,
  userId: string,
  reaction: ReactionRecord,
): GatewayEvent {
  const member = message.guildId ? state.guilds.get(message.guildId)?.members.get(userId) : undefined;
  return {
    type: GatewayDispatchEvents.MessageReactionAdd,
    data: {
      ...reactionData(message, userId, reaction),
      message_author_id: message.authorId,
      burst_colors: [],
      ...(member ? { member: memberPayload(state, member) } : {}),
    },
    intents: reactionIntents(message),
    channelId: message.channelId,
  };
}

export const reactionRemoveEvent = (
  message: StoredMessage,
  userId: string,
  reaction: ReactionRecord,
): GatewayEvent => ({
  type: GatewayDispatchEvents.MessageReactionRemove,
  data: reactionData(message, userId, reaction),
  intents: reactionIntents(message),
  channelId: message.channelId,
});

export const reactionRemoveAllEvent = (message: StoredMessage): GatewayEvent => ({
  type: GatewayDispatchEvents.MessageReactionRemoveAll,
  data: {
    channel_id: message.channelId,
    message_id: message.id,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
  },
  intents: reactionIntents(message),
});

export const reactionRemoveEmojiEvent = (message: StoredMessage, reaction: ReactionRecord): GatewayEvent => ({
  type: GatewayDispatchEvents.MessageReactionRemoveEmoji,
  data: {
    channel_id: message.channelId,
    message_id: message.id,
    emoji: reaction.emoji,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
  },
  intents: reactionIntents(message),
});

export const channelUpdateEvent = (state: DiscordState, channel: FakeChannel): GatewayEvent => ({
  type: GatewayDispatchEvents.ChannelUpdate,
  data: channelPayload(state, channel),
  intents: GatewayIntentBits.Guilds,
});

export const interactionCreateEvent = (payload: object): GatewayEvent => ({
  type: GatewayDispatchEvents.InteractionCreate,
  data: payload,
  intents: 0,
});
