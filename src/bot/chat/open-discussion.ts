// `/compare thread:true`: a thread on the comparison for people to discuss the answers. The bot answers
// there only when mentioned, so the discussion is not interrupted by a reply to every message.
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { openThread, threadName } from './open-thread.ts';
import type { Services } from '../services.ts';

export async function openDiscussion(
  interaction: ChatInputCommandInteraction,
  services: Pick<Services, 'threads'>,
  request: { prompt: string; requesterHash: string },
): Promise<void> {
  const message = await interaction.fetchReply();
  const opened = await openThread(message, services, {
    name: threadName(`Discuss: ${request.prompt}`, 'Discussion'),
    record: { origin: 'compare', requesterHash: request.requesterHash },
  });
  if (opened.ok) {
    await opened.thread.send({
      content: '-# Discuss the answers here (votes stay on the comparison above). Mention me to ask me something.',
    });
  } else {
    await interaction.followUp({ content: `⚠️ ${opened.reason}.`, flags: MessageFlags.Ephemeral });
  }
}
