// Read-only views for assertions, and the state summary a timed-out wait prints so a failure explains itself.
import type { DiscordState, StoredMessage } from './state.ts';

export interface ReactionSummary {
  /** '👍' for unicode emoji, 'name:id' for custom ones. */
  emoji: string;
  userIds: string[];
}

export function visibleMessages(state: DiscordState, channelId: string): StoredMessage[] {
  return [...(state.channelMessages.get(channelId) ?? [])];
}

export function reactionsOn(state: DiscordState, messageId: string): ReactionSummary[] {
  const message = state.messages.get(messageId);
  if (!message) throw new Error(`fake discord: no message ${messageId}`);
  return [...message.reactions.values()]
    .filter((reaction) => reaction.userIds.size > 0)
    .map((reaction) => ({
      emoji: reaction.emoji.id ? `${reaction.emoji.name}:${reaction.emoji.id}` : reaction.emoji.name,
      userIds: [...reaction.userIds],
    }));
}

const preview = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

export function describeState(state: DiscordState): string {
  const lines: string[] = ['fake discord state:'];
  for (const [channelId, messages] of state.channelMessages) {
    const name = state.channels.get(channelId)?.name ?? 'DM';
    lines.push(`  #${name} (${channelId}): ${messages.length} messages`);
    for (const message of messages.slice(-5)) {
      const author = state.users.get(message.authorId)?.username ?? message.authorId;
      const extras = [
        message.embeds.length ? `${message.embeds.length} embeds` : '',
        message.components.length ? 'components' : '',
        message.versions.length > 1 ? `${message.versions.length - 1} edits` : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(
        `    ${message.id} ${author}: ${JSON.stringify(preview(message.content))}${extras ? ` (${extras})` : ''}`,
      );
    }
  }
  const pending = [...state.interactions.values()].filter((record) => record.callbacks.length === 0);
  if (pending.length > 0) lines.push(`  unanswered interactions: ${pending.map((record) => record.id).join(', ')}`);
  return lines.join('\n');
}
