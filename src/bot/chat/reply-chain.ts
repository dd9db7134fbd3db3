// Builds the conversation for a chat answer from earlier messages: the reply chain walked upwards, or the
// messages of a thread the bot started. The bot's own messages become assistant turns; attachments are read
// into user turns, each in a server named after its author ("alice: …"), and different people's messages are
// never merged into one turn. Stays within a depth and a token budget and says what was left out, so the
// user knows the answer did not see everything.
import type { Client, Message } from 'discord.js';
import type { ChatMessage } from '../../llm/chat-model.js';
import { type AttachmentOptions, readAttachments } from './read-attachments.js';
import { labelTurn, speakerName } from './speaker-label.js';
import { answerText } from '../../render/discord/chat-reply.js';

export interface ReplyChain {
  conversation: ChatMessage[];
  warnings: string[];
  /** In a server: the name of whoever ran the slash command the oldest message answers (an /ask thread). */
  askedBy?: string;
}

/** A turn with the Discord id of whoever wrote it, so only one person's consecutive messages are joined. */
interface SpokenTurn {
  turn: ChatMessage;
  speakerId: string;
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

export function userText(message: Message, botId: string): string {
  return message.content.replaceAll(new RegExp(`<@!?${botId}>`, 'g'), '').trim();
}

/** "alice: text" in a server, where several people may talk; a DM has one person, so no name is added. */
function authored(message: Message, content: string, hasImages: boolean): string {
  if (!message.inGuild() || (!content && !hasImages)) return content; // an empty turn stays empty (and is dropped)
  return labelTurn(speakerName(message.author, message.member), content);
}

/** One message as a turn; a user's attachments are read into it. */
async function turnOf(message: Message, botId: string, options: AttachmentOptions): Promise<{ turn: ChatMessage; warnings: string[] }> {
  if (message.author.id === botId) return { turn: { role: 'assistant', content: answerText(message.content) }, warnings: [] };
  const text = userText(message, botId);
  if (message.attachments.size === 0) return { turn: { role: 'user', content: authored(message, text, false) }, warnings: [] };
  const attachments = [...message.attachments.values()].map((attachment) => ({
    name: attachment.name, url: attachment.url, size: attachment.size, contentType: attachment.contentType,
  }));
  const read = await readAttachments(attachments, options);
  const content = authored(message, [text, read.text].filter(Boolean).join('\n\n'), read.images.length > 0);
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
  const turns: SpokenTurn[] = [{ turn: first.turn, speakerId: message.author.id }];
  const warnings = [...first.warnings];
  let budget = limits.tokens - estimateTokens(first.turn.content);
  let depth = 0;
  let oldest = message;
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
    oldest = older;
    if (turn.content || turn.images) turns.unshift({ turn, speakerId: older.author.id });
  }
  const asker = oldest.author.id === botId && oldest.inGuild() ? oldest.interactionMetadata?.user : undefined;
  const conversation = mergeSameSpeaker(keepNewestImages(turns, warnings));
  return { conversation, warnings, ...(asker ? { askedBy: speakerName(asker) } : {}) };
}

export const readReplyChain = (message: Message, client: Client<true>, limits: HistoryLimits): Promise<ReplyChain> =>
  buildHistory(message, client, parentsOf(message), limits);

/** History inside a thread: its earlier messages, then the message it was started from. */
export const readThreadHistory = (message: Message, client: Client<true>, limits: HistoryLimits): Promise<ReplyChain> =>
  buildHistory(message, client, threadMessagesBefore(message, limits.depth + 1), limits);

function keepNewestImages(turns: SpokenTurn[], warnings: string[]): SpokenTurn[] {
  let left = MAX_IMAGES;
  let dropped = 0;
  const kept = [...turns].reverse().map((spoken) => {
    const { turn } = spoken;
    if (!turn.images) return spoken;
    const images = turn.images.slice(0, left);
    dropped += turn.images.length - images.length;
    left -= images.length;
    const { images: _all, ...text } = turn;
    return { ...spoken, turn: images.length ? { ...text, images } : text };
  });
  if (dropped > 0) warnings.push(`Only the newest ${MAX_IMAGES} images were sent; ${dropped} older ones were left out`);
  return kept.reverse();
}

/**
 * One person's messages in a row become one turn (several chat templates insist on alternating roles), but
 * different people's messages stay separate turns, each with its author: merged, Bob's words would read as
 * Alice's.
 */
function mergeSameSpeaker(turns: SpokenTurn[]): ChatMessage[] {
  const merged: SpokenTurn[] = [];
  for (const spoken of turns) {
    const last = merged.at(-1);
    if (!last || last.turn.role !== spoken.turn.role || last.speakerId !== spoken.speakerId) {
      merged.push(spoken);
      continue;
    }
    const images = [...(last.turn.images ?? []), ...(spoken.turn.images ?? [])];
    const content = [last.turn.content, spoken.turn.content].filter(Boolean).join('\n\n');
    merged[merged.length - 1] = { speakerId: last.speakerId, turn: { role: last.turn.role, content, ...(images.length ? { images } : {}) } };
  }
  return merged.map((spoken) => spoken.turn);
}
