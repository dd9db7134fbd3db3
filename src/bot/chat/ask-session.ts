// One /ask from options to answer: the channel's settings, the attached file, the asker's memories, the
// streamed answer with its footer, an optional thread to continue in, and the memory step afterwards.
import { GuildMember, type ChatInputCommandInteraction } from 'discord.js';
import { renderAnswerBody } from '../../render/discord/answer-body.ts';
import { renderChatReply } from '../../render/discord/chat-reply.ts';
import { deferThenCheck } from '../defer-first.ts';
import { openThread, threadName } from './open-thread.ts';
import { learnFrom, memoryButton, prepareAnswer } from './prepare-answer.ts';
import { type AttachmentInfo, readAttachments } from './read-attachments.ts';
import type { Services } from '../services.ts';
import { labelTurn, speakerName } from './speaker-label.ts';
import { footerOf, streamAnswer } from './stream-answer.ts';

export interface AskRequest {
  prompt: string;
  /** null: the channel's or server's pipeline. */
  pipelineId: string | null;
  attachments: AttachmentInfo[];
  /** null: the server's default. */
  thread: boolean | null;
}

export async function runAskSession(
  interaction: ChatInputCommandInteraction,
  services: Pick<
    Services,
    'engine' | 'guildConfig' | 'hashUser' | 'inflight' | 'limits' | 'log' | 'memory' | 'settings' | 'threads' | 'usage'
  >,
  request: AskRequest,
): Promise<void> {
  if (request.pipelineId !== null) services.engine.pipeline(request.pipelineId); // a typo is refused before acknowledging
  const channel = interaction.channel;
  const settingsChannel = channel?.isThread() ? channel.parentId : interaction.channelId;
  const userHash = services.hashUser(interaction.user.id);
  const { config, prepared } = await deferThenCheck(interaction, async () => {
    const config = await services.guildConfig.get(interaction.guildId);
    const prepared = await prepareAnswer(services, {
      config,
      channelId: settingsChannel,
      userHash,
      latestText: request.prompt,
      pipelineId: request.pipelineId,
    });
    services.engine.pipeline(prepared.pipelineId); // a channel's or server's pipeline that no longer exists
    await services.limits.reserveAnswer({
      guildId: interaction.guildId,
      userHash,
      perHour: config.answersPerHour,
      dailyCapUsd: config.dailyCostCapUsd,
    });
    return { config, prepared };
  });
  await services.inflight.track(async (signal) => {
    const files = await readAttachments(request.attachments, {
      imageInput: services.settings.IMAGE_INPUT,
      textFileMaxBytes: services.settings.TEXT_FILE_MAX_BYTES,
    });
    const text = [request.prompt, files.text].filter(Boolean).join('\n\n');
    // Named in a server like every turn there, so a thread continuing this /ask reads the same way.
    const member = interaction.member instanceof GuildMember ? interaction.member : null;
    const content = interaction.inGuild() ? labelTurn(speakerName(interaction.user, member), text) : text;
    const turn = { role: 'user' as const, content, ...(files.images.length ? { images: files.images } : {}) };
    const result = await streamAnswer(
      services,
      { ...prepared, conversation: [turn], guildId: interaction.guildId, userHash, signal },
      (chunks) => interaction.editReply({ content: chunks[0] ?? '…' }),
    );
    const warnings = [...files.warnings];
    const wantsThread = request.thread ?? config.threads;
    const reply = await interaction.fetchReply();
    if (wantsThread) {
      const opened = await openThread(reply, services, {
        name: threadName(request.prompt, 'Conversation'),
        record: { origin: 'ask', requesterHash: userHash, prompt: request.prompt },
      });
      // Only an explicit request deserves a note; the server default quietly does not apply in DMs and threads.
      if (!opened.ok && request.thread) warnings.push(opened.reason);
      if (opened.ok) await opened.thread.send({ content: '-# Reply here to continue; no need to mention me.' });
    }
    const body = renderAnswerBody(result, { warnings, sentImages: files.images.length > 0 });
    const [first = '…', ...rest] = renderChatReply(body, footerOf(result));
    await interaction.editReply({
      content: first,
      components: memoryButton(interaction.user.id, userHash, prepared.memories),
    });
    for (const chunk of rest) await interaction.followUp({ content: chunk });
    await learnFrom(services, { userHash, text: request.prompt, guildId: interaction.guildId, signal });
  });
}
