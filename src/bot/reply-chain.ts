// Builds the conversation for a chat answer by walking the reply chain upwards: each message replied
// to becomes an earlier turn (the bot's own messages as assistant turns), within a depth and a token
// budget. Says what was left out, so the user knows the answer did not see everything.
import type { Client, Message } from 'discord.js';
import type { ChatMessage } from '../llm/chat-model.js';

export interface ReplyChain {
  conversation: ChatMessage[];
  warnings: string[];
}

// Rough but provider-neutral: about 4 characters per token for English text.
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** The bot's own lines that are not part of an answer: subtext footers and ⚠️ warnings. */
export function answerText(content: string): string {
  return content
    .split('\n')
    .filter((line) => !line.startsWith('-# ') && !line.startsWith('⚠️'))
    .join('\n')
    .replace(/ ▌$/, '')
    .trim();
}

export function userText(message: Message, botId: string): string {
  return message.content.replaceAll(new RegExp(`<@!?${botId}>`, 'g'), '').trim();
}

async function parentOf(message: Message): Promise<Message | null> {
  const id = message.reference?.messageId;
  if (!id) return null;
  try {
    return await message.channel.messages.fetch(id);
  } catch {
    return null; // deleted or not visible: the chain simply ends here
  }
}

export async function readReplyChain(message: Message, client: Client<true>, limits: { depth: number; tokens: number }): Promise<ReplyChain> {
  const botId = client.user.id;
  const turns: ChatMessage[] = [{ role: 'user', content: userText(message, botId) }];
  const warnings: string[] = [];
  let budget = limits.tokens - estimateTokens(turns[0]?.content ?? '');
  let current: Message | null = message;
  for (let depth = 0; current; depth++) {
    const parent: Message | null = await parentOf(current);
    if (!parent) break;
    if (depth >= limits.depth) {
      warnings.push(`Only the last ${limits.depth} earlier messages were used`);
      break;
    }
    const fromBot = parent.author.id === botId;
    if (fromBot && parent.embeds.length > 0) break; // a /compare or /leaderboard message, not a chat turn
    const content = fromBot ? answerText(parent.content) : userText(parent, botId);
    const cost = estimateTokens(content);
    if (cost > budget) {
      warnings.push(`Older messages were left out to stay within ${limits.tokens} tokens of history`);
      break;
    }
    budget -= cost;
    if (content) turns.unshift({ role: fromBot ? 'assistant' : 'user', content });
    current = parent;
  }
  if (message.attachments.size > 0) warnings.push('Attachments are not read; only the text was used');
  return { conversation: mergeSameRole(turns), warnings };
}

/** Chat APIs expect alternating roles; two user messages in a row become one turn. */
function mergeSameRole(turns: ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (last && last.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else merged.push({ ...turn });
  }
  return merged;
}
