// What test users do: post messages (with replies, mentions and files) and add or remove reactions. Each change
// is stored and dispatched at once, with no sleeps, so a benchmark can fire thousands.
import { ChannelType } from 'discord.js';
import type { APIEmbed } from 'discord.js';
import type { FakeContext } from './context.ts';
import { createMessage } from './message-store.ts';
import { addReaction, removeReaction } from './reaction-store.ts';
import type { UploadedFile } from './rest-types.ts';
import type { StoredMessage } from './state.ts';

export interface UserMessageSpec {
  channelId: string;
  authorId: string;
  content: string;
  /** Users pinged besides those written as <@id> in the content. */
  mentions?: string[];
  /** Makes the message a reply to this one (same channel). */
  referencedMessageId?: string;
  embeds?: APIEmbed[];
  attachments?: Array<{ filename: string; content: string | Buffer; contentType?: string }>;
}

export interface ReactionSpec {
  userId: string;
  messageId: string;
  /** Checked against the message's channel when given. */
  channelId?: string;
  /** '👍', or 'name:id' for a custom emoji. */
  emoji: string;
  /** True when no bot is meant to be connected (a reaction made while the bot is stopped): no event goes out. */
  whileBotOffline?: boolean;
}

export function requireSession(context: FakeContext): void {
  if (context.sessionCount() === 0) {
    throw new Error(
      'fake discord: no bot session is connected, so this event would reach nobody (log a client in first)',
    );
  }
}

function author(context: FakeContext, userId: string, channelId: string) {
  const channel = context.state.channels.get(channelId);
  if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
  if (!context.state.users.has(userId)) throw new Error(`fake discord: unknown user ${userId}`);
  if (channel.type === ChannelType.DM && channel.recipientId !== userId)
    throw new Error(`fake discord: user ${userId} is not in DM channel ${channelId}`);
  if (channel.guildId && !context.state.guilds.get(channel.guildId)?.members.has(userId)) {
    throw new Error(`fake discord: user ${userId} is not a member of guild ${channel.guildId}`);
  }
  return channel;
}

export function sendUserMessage(context: FakeContext, spec: UserMessageSpec): StoredMessage {
  requireSession(context);
  const channel = author(context, spec.authorId, spec.channelId);
  if (spec.referencedMessageId && context.state.messages.get(spec.referencedMessageId)?.channelId !== channel.id) {
    throw new Error(`fake discord: message ${spec.referencedMessageId} is not in channel ${channel.id}`);
  }
  const files: UploadedFile[] = (spec.attachments ?? []).map((attachment, index) => ({
    index,
    filename: attachment.filename,
    contentType: attachment.contentType ?? 'text/plain; charset=utf-8',
    bytes: Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.from(attachment.content, 'utf8'),
  }));
  return createMessage(context, {
    channel,
    authorId: spec.authorId,
    files,
    extraPings: spec.mentions,
    input: {
      content: spec.content,
      embeds: spec.embeds ?? null,
      message_reference: spec.referencedMessageId ? { message_id: spec.referencedMessageId } : null,
    },
  });
}

function targetMessage(context: FakeContext, spec: ReactionSpec): StoredMessage {
  const message = context.state.messages.get(spec.messageId);
  if (!message || message.deleted) throw new Error(`fake discord: no message ${spec.messageId} to react to`);
  if (spec.channelId && message.channelId !== spec.channelId)
    throw new Error(`fake discord: message ${spec.messageId} is not in channel ${spec.channelId}`);
  author(context, spec.userId, message.channelId);
  return message;
}

/** Returns false (and sends nothing, like Discord) when the user had already reacted with that emoji. */
export function userAddsReaction(context: FakeContext, spec: ReactionSpec): boolean {
  if (!spec.whileBotOffline) requireSession(context);
  return addReaction(context, targetMessage(context, spec), spec.userId, spec.emoji);
}

export function userRemovesReaction(context: FakeContext, spec: ReactionSpec): boolean {
  if (!spec.whileBotOffline) requireSession(context);
  return removeReaction(context, targetMessage(context, spec), spec.userId, spec.emoji);
}
