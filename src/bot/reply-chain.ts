// Builds the conversation for a chat answer from earlier messages: the reply chain walked upwards, or the
// messages of a thread the bot started. The bot's own messages become assistant turns; attachments are read
// into user turns. Stays within a depth and a token budget and says what was left out, so the user knows
// the answer did not see everything.
import type { Client, Message } from 'discord.js';
import type { ChatMessage } from '../llm/chat-model.js';
import { type AttachmentOptions, readAttachments } from './read-attachments.js';

export interface ReplyChain {
  conversation: ChatMessage[];
  warnings: string[];
}

export interface HistoryLimits {
  depth: number;
  tokens: number;
  attachments: AttachmentOptions;
}

// Images are large for a model (hundreds of tokens each); the newest few carry the conversation.
const MAX_IMAGES = 4;

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

/** One message as a turn; a user's attachments are read into it. */
async function turnOf(message: Message, botId: string, options: AttachmentOptions): Promise<{ turn: ChatMessage; warnings: string[] }> {
  if (message.author.id === botId) return { turn: { role: 'assistant', content: answerText(message.content) }, warnings: [] };
  const text = userText(message, botId);
  if (message.attachments.size === 0) return { turn: { role: 'user', content: text }, warnings: [] };
  const attachments = [...message.attachments.values()].map((attachment) => ({
    name: attachment.name, url: attachment.url, size: attachment.size, contentType: attachment.contentType,
  }));
  const read = await readAttachments(attachments, options);
  const content = [text, read.text].filter(Boolean).join('\n\n');
  return { turn: { role: 'user', content, ...(read.images.length ? { images: read.images } : {}) }, warnings: read.warnings };
}

async function* parentsOf(message: Message): AsyncGenerator<Message> {
  let current = message;
  for (;;) {
    const id = current.reference?.messageId;
    if (!id) return;
    try {
      current = await current.channel.messages.fetch(id);
    } catch {
      return; // deleted or not visible: the chain simply ends here
    }
    yield current;
  }
}

async function* threadMessagesBefore(message: Message, count: number): AsyncGenerator<Message> {
  const { channel } = message;
  if (!channel.isThread()) return;
  const page = await channel.messages.fetch({ before: message.id, limit: Math.min(count, 100) });
  yield* page.values(); // newest first
  if (page.size >= count) return;
  const starter = await channel.fetchStarterMessage().catch(() => null); // a thread opened without a message has none
  if (starter) yield starter;
}

async function buildHistory(message: Message, client: Client<true>, earlier: AsyncIterable<Message>, limits: HistoryLimits): Promise<ReplyChain> {
  const botId = client.user.id;
  const first = await turnOf(message, botId, limits.attachments);
  const turns: ChatMessage[] = [first.turn];
  const warnings = [...first.warnings];
  let budget = limits.tokens - estimateTokens(first.turn.content);
  let depth = 0;
  for await (const older of earlier) {
    if (depth++ >= limits.depth) {
      warnings.push(`Only the last ${limits.depth} earlier messages were used`);
      break;
    }
    const fromBot = older.author.id === botId;
    if (fromBot && older.embeds.length > 0) break; // a /compare or /leaderboard message, not a chat turn
    const { turn, warnings: turnWarnings } = await turnOf(older, botId, limits.attachments);
    const cost = estimateTokens(turn.content);
    if (cost > budget) {
      warnings.push(`Older messages were left out to stay within ${limits.tokens} tokens of history`);
      break;
    }
    budget -= cost;
    warnings.push(...turnWarnings);
    if (turn.content || turn.images) turns.unshift(turn);
  }
  return { conversation: mergeSameRole(keepNewestImages(turns, warnings)), warnings };
}

export const readReplyChain = (message: Message, client: Client<true>, limits: HistoryLimits): Promise<ReplyChain> =>
  buildHistory(message, client, parentsOf(message), limits);

/** History inside a thread: its earlier messages, then the message it was started from. */
export const readThreadHistory = (message: Message, client: Client<true>, limits: HistoryLimits): Promise<ReplyChain> =>
  buildHistory(message, client, threadMessagesBefore(message, limits.depth + 1), limits);

function keepNewestImages(turns: ChatMessage[], warnings: string[]): ChatMessage[] {
  let left = MAX_IMAGES;
  let dropped = 0;
  const kept = [...turns].reverse().map((turn) => {
    if (!turn.images) return turn;
    const images = turn.images.slice(0, left);
    dropped += turn.images.length - images.length;
    left -= images.length;
    const { images: _all, ...text } = turn;
    return images.length ? { ...text, images } : text;
  });
  if (dropped > 0) warnings.push(`Only the newest ${MAX_IMAGES} images were sent; ${dropped} older ones were left out`);
  return kept.reverse();
}

/** Chat APIs expect alternating roles; two user messages in a row become one turn. */
function mergeSameRole(turns: ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (!last || last.role !== turn.role) {
      merged.push({ ...turn });
      continue;
    }
    const images = [...(last.images ?? []), ...(turn.images ?? [])];
    merged[merged.length - 1] = { role: last.role, content: [last.content, turn.content].filter(Boolean).join('\n\n'), ...(images.length ? { images } : {}) };
  }
  return merged;
}
