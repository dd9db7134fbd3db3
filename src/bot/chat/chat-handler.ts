// Chat: a mention, a DM, a reply to one of the bot's messages, or any message in a thread the bot opened
// gets an answer through the channel's (or server's) pipeline, with the reply chain or the thread as
// history, a typing indicator, and the answer streamed in. With threads on, a mention opens a thread.
import { ChannelType, PermissionFlagsBits, type Client, type Message } from 'discord.js';
import { renderAnswerBody } from '../../render/discord/answer-body.ts';
import type { ButtonRow } from '../../render/discord/button-rows.ts';
import { renderChatReply, renderWarnings } from '../../render/discord/chat-reply.ts';
import type { BotThread } from '../../records/bot-threads.ts';
import { describeFailure } from '../error-boundary.ts';
import { openThread, threadName } from './open-thread.ts';
import { learnFrom, memoryButton, prepareAnswer } from './prepare-answer.ts';
import { type HistoryLimits, readReplyChain, readThreadHistory, userText } from './reply-chain.ts';
import type { Services } from '../services.ts';
import { labelTurn } from './speaker-label.ts';
import { footerOf, streamAnswer } from './stream-answer.ts';

/** What this module's handlers use of the bot's services. */
type ChatHandlerServices = Pick<
  Services,
  | 'engine'
  | 'guildConfig'
  | 'hashUser'
  | 'inflight'
  | 'limits'
  | 'log'
  | 'memory'
  | 'metrics'
  | 'settings'
  | 'threads'
  | 'usage'
>;

const TYPING_EVERY_MS = 8000; // Discord shows "is typing" for about 10 s per call

export function isAddressedToBot(message: Message, client: Client<true>, thread?: BotThread): boolean {
  if (message.author.bot || message.system) return false;
  if (message.channel.type === ChannelType.DM) return true;
  if (thread && thread.origin !== 'compare') return true; // a conversation thread: every message is a turn
  if (message.mentions.users.has(client.user.id)) return true; // @everyone and role pings do not count
  return message.mentions.repliedUser?.id === client.user.id;
}

function canAnswerIn(message: Message, client: Client<true>): boolean {
  if (!message.inGuild()) return true;
  const permissions = message.channel.permissionsFor(client.user);
  // In threads, Discord checks Send Messages in Threads instead of Send Messages.
  const send = message.channel.isThread()
    ? PermissionFlagsBits.SendMessagesInThreads
    : PermissionFlagsBits.SendMessages;
  return permissions?.has([PermissionFlagsBits.ViewChannel, send, PermissionFlagsBits.ReadMessageHistory]) ?? false;
}

export async function handleChatMessage(
  message: Message,
  client: Client<true>,
  services: ChatHandlerServices,
): Promise<void> {
  if (message.author.bot || message.system) return;
  const thread = message.channel.isThread() ? await services.threads.get(message.channelId) : undefined;
  if (!isAddressedToBot(message, client, thread)) return;
  if (!canAnswerIn(message, client)) {
    services.log.warn(
      `chat: cannot answer in channel ${message.channelId}: missing Send Messages or Read Message History`,
    );
    return;
  }
  // Tracked as a whole, so a shutdown waits until the answer is posted.
  await services.inflight.track((signal) => answerChat(message, client, services, { thread, signal }));
}

async function answerChat(
  message: Message,
  client: Client<true>,
  services: ChatHandlerServices,
  context: { thread: BotThread | undefined; signal: AbortSignal },
): Promise<void> {
  const { channel } = message;
  const showTyping = () => (channel.isSendable() ? channel.sendTyping().catch(() => {}) : undefined);
  const typing = setInterval(() => void showTyping(), TYPING_EVERY_MS);
  try {
    await showTyping();
    const config = await services.guildConfig.get(message.guildId);
    const userHash = services.hashUser(message.author.id);
    await services.limits.reserveAnswer({
      guildId: message.guildId,
      userHash,
      perHour: config.answersPerHour,
      dailyCapUsd: config.dailyCostCapUsd,
    });
    const { settings } = services;
    const limits: HistoryLimits = {
      depth: settings.CHAT_HISTORY_DEPTH,
      tokens: settings.CHAT_HISTORY_TOKENS,
      attachments: { imageInput: settings.IMAGE_INPUT, textFileMaxBytes: settings.TEXT_FILE_MAX_BYTES },
    };
    const chain = context.thread
      ? await readThreadHistory(message, client, limits)
      : await readReplyChain(message, client, limits);
    const latest = chain.conversation.at(-1);
    if (!latest?.content && !latest?.images) {
      const hint = 'Yes? Ask me something after the mention, e.g. "@me why is the sky blue?"';
      await message.reply({ content: [hint, renderWarnings(chain.warnings)].filter(Boolean).join('\n') });
      return;
    }
    // An /ask thread starts from the answer; the question it answered was kept with the thread.
    if (context.thread?.prompt && chain.conversation[0]?.role === 'assistant') {
      const { prompt } = context.thread;
      chain.conversation.unshift({ role: 'user', content: chain.askedBy ? labelTurn(chain.askedBy, prompt) : prompt });
    }

    const text = userText(message, client.user.id);
    const settingsChannel = channel.isThread() ? channel.parentId : message.channelId;
    const prepared = await prepareAnswer(services, { config, channelId: settingsChannel, userHash, latestText: text });
    const warnings = [...chain.warnings];
    let post = (content: string, components: ButtonRow[] = []): Promise<Message> =>
      message.reply({ content, components });
    if (config.threads && !context.thread && message.inGuild() && !channel.isThread()) {
      const opened = await openThread(message, services, {
        name: threadName(text, 'Conversation'),
        record: { origin: 'chat', requesterHash: userHash },
      });
      if (opened.ok) post = (content, components = []) => opened.thread.send({ content, components });
      else warnings.push(`${opened.reason}, so I answered here`);
    }

    let live: Message | null = null;
    const input = {
      ...prepared,
      conversation: chain.conversation,
      guildId: message.guildId,
      userHash,
      signal: context.signal,
    };
    const result = await streamAnswer(services, input, async (chunks) => {
      const content = chunks[0] ?? '…';
      live = live ? await live.edit({ content }) : await post(content);
    });
    clearInterval(typing);
    const sentImages = chain.conversation.some((turn) => turn.images?.length);
    const body = renderAnswerBody(result, { warnings, sentImages });
    const [first = '…', ...rest] = renderChatReply(body, footerOf(result));
    // Public answer, private facts: only a button that shows its owner which facts were used.
    const components = memoryButton(message.author.id, userHash, prepared.memories);
    const firstMessage: Message = live
      ? await (live as Message).edit({ content: first, components })
      : await post(first, components);
    let previous = firstMessage;
    for (const chunk of rest) previous = await previous.reply({ content: chunk });
    await learnFrom(services, { userHash, text, guildId: message.guildId, signal: context.signal });
  } catch (error) {
    await message
      .reply({
        content: `⚠️ ${describeFailure(error, services.log, 'chat', () => services.metrics.errorSeen('chat'))}`,
      })
      .catch(() => {});
  } finally {
    clearInterval(typing);
  }
}
