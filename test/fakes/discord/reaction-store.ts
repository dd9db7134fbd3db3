// Reactions on stored messages: who reacted with what, in order, with the gateway events Discord sends for each
// change (including the bot's own reactions, which a bot must learn to ignore).
import type { FakeContext } from './context.ts';
import { reactionAddEvent, reactionRemoveAllEvent, reactionRemoveEmojiEvent, reactionRemoveEvent } from './events.ts';
import type { ReactionRecord, StoredMessage } from './state.ts';

export interface ParsedEmoji {
  key: string;
  emoji: ReactionRecord['emoji'];
}

/** Accepts '👍', 'name:id', '<:name:id>' or '<a:name:id>' (the forms a route or a test may use). */
export function parseEmoji(text: string): ParsedEmoji {
  const custom = /^<?(a)?:?([\w~-]+):(\d{15,21})>?$/.exec(text);
  if (custom) {
    const [, animated, name = '', id = ''] = custom;
    return { key: `${name}:${id}`, emoji: { id, name, ...(animated ? { animated: true } : {}) } };
  }
  return { key: text, emoji: { id: null, name: text } };
}

export function addReaction(context: FakeContext, message: StoredMessage, userId: string, text: string): boolean {
  const { key, emoji } = parseEmoji(text);
  const reaction = message.reactions.get(key) ?? { emoji, userIds: new Set<string>() };
  message.reactions.set(key, reaction);
  if (reaction.userIds.has(userId)) return false;
  reaction.userIds.add(userId);
  if (!message.ephemeral) context.dispatch(reactionAddEvent(context.state, message, userId, reaction));
  context.changes.notify();
  return true;
}

export function removeReaction(context: FakeContext, message: StoredMessage, userId: string, text: string): boolean {
  const reaction = message.reactions.get(parseEmoji(text).key);
  if (!reaction?.userIds.delete(userId)) return false;
  if (!message.ephemeral) context.dispatch(reactionRemoveEvent(message, userId, reaction));
  context.changes.notify();
  return true;
}

export function removeAllReactions(context: FakeContext, message: StoredMessage, text?: string): void {
  if (text === undefined) {
    message.reactions.clear();
    context.dispatch(reactionRemoveAllEvent(message));
  } else {
    const { key } = parseEmoji(text);
    const reaction = message.reactions.get(key);
    if (!reaction) return;
    message.reactions.delete(key);
    context.dispatch(reactionRemoveEmojiEvent(message, reaction));
  }
  context.changes.notify();
}
