// Chat: a mention, a DM or a reply to one of the bot's messages gets an answer through the server's
// default pipeline, with the reply chain as history, a typing indicator, and the answer streamed in.
import { ChannelType, PermissionFlagsBits, type Client, type Message } from 'discord.js';
import { renderChatReply, renderWarnings } from '../render/discord/chat-reply.js';
import { describeFailure } from './error-boundary.js';
import { readReplyChain } from './reply-chain.js';
import type { Services } from './services.js';
import { footerOf, streamAnswer } from './stream-answer.js';

const TYPING_EVERY_MS = 8000; // Discord shows "is typing" for about 10 s per call

export function isAddressedToBot(message: Message, client: Client<true>): boolean {
  if (message.author.bot || message.system) return false;
  if (message.channel.type === ChannelType.DM) return true;
  if (message.mentions.users.has(client.user.id)) return true; // @everyone and role pings do not count
  return message.mentions.repliedUser?.id === client.user.id;
}

function canAnswerIn(message: Message, client: Client<true>): boolean {
  if (!message.inGuild()) return true;
  const permissions = message.channel.permissionsFor(client.user);
  // In threads, Discord checks Send Messages in Threads instead of Send Messages.
  const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return permissions?.has([PermissionFlagsBits.ViewChannel, send, PermissionFlagsBits.ReadMessageHistory]) ?? false;
}

export async function handleChatMessage(message: Message, client: Client<true>, services: Services): Promise<void> {
  if (!isAddressedToBot(message, client)) return;
  if (!canAnswerIn(message, client)) {
    services.log.warn(`chat: cannot answer in channel ${message.channelId}: missing Send Messages or Read Message History`);
    return;
  }
  // Tracked as a whole, so a shutdown waits until the answer is posted.
  await services.inflight.track((signal) => answerChat(message, client, services, signal));
}

async function answerChat(message: Message, client: Client<true>, services: Services, signal: AbortSignal): Promise<void> {
  const { channel } = message;
  const showTyping = () => (channel.isSendable() ? channel.sendTyping().catch(() => {}) : undefined);
  const typing = setInterval(() => void showTyping(), TYPING_EVERY_MS);
  try {
    await showTyping();
    const config = await services.guildConfig.get(message.guildId);
    const userHash = services.hashUser(message.author.id);
    await services.limits.reserveAnswer({ guildId: message.guildId, userHash, perHour: config.answersPerHour, dailyCapUsd: config.dailyCostCapUsd });
    const chain = await readReplyChain(message, client, { depth: services.settings.CHAT_HISTORY_DEPTH, tokens: services.settings.CHAT_HISTORY_TOKENS });
    if (!chain.conversation.at(-1)?.content) {
      await message.reply({ content: 'Yes? Ask me something after the mention, e.g. "@me why is the sky blue?"' });
      return;
    }
    let live: Message | null = null;
    const input = { pipelineId: config.defaultPipeline, conversation: chain.conversation, modelOverrides: config.modelOverrides, guildId: message.guildId, signal };
    const result = await streamAnswer(services, input, async (chunks) => {
      const content = chunks[0] ?? '…';
      live = live ? await live.edit({ content }) : await message.reply({ content });
    });
    clearInterval(typing);
    const answer = result.status === 'ok' ? (result.answer ?? '') : `⚠️ ${result.failure?.message ?? 'No answer.'}`;
    const text = chain.warnings.length ? `${answer}\n${renderWarnings(chain.warnings)}` : answer;
    const [first = '…', ...rest] = renderChatReply(text, footerOf(result));
    const firstMessage: Message = live ? await (live as Message).edit({ content: first }) : await message.reply({ content: first });
    let previous = firstMessage;
    for (const chunk of rest) previous = await previous.reply({ content: chunk });
  } catch (error) {
    await message.reply({ content: `⚠️ ${describeFailure(error, services.log, 'chat', () => services.metrics.errorSeen('chat'))}` }).catch(() => {});
  } finally {
    clearInterval(typing);
  }
}
