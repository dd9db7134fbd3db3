// "Remove my reactions" under the /forget-me reply: takes the caller's vote reactions off the comparison messages
// /forget-me listed (forgotten-reactions.ts), and says what it could not remove.
import type { ButtonInteraction } from 'discord.js';
import { messageLinks } from '../../render/discord/forget-me-reply.ts';
import { plural } from '../../base/plural.ts';
import { removeReactions } from './forgotten-reactions.ts';
import type { Services } from '../services.ts';

export async function removeMyReactions(
  interaction: ButtonInteraction,
  services: Pick<Services, 'forgottenReactions' | 'hashUser'>,
): Promise<void> {
  const spots = services.forgottenReactions.take(services.hashUser(interaction.user.id));
  if (spots === undefined) {
    await interaction.update({
      content:
        'This button has expired or was used already. Your votes stay deleted; to take the reactions off, click each of your reactions under the comparisons.',
      components: [],
    });
    return;
  }
  await interaction.deferUpdate(); // one request per reaction: many messages outlast Discord's 3-second window
  const { cleared, failed } = await removeReactions(interaction.client, interaction.user.id, spots);
  const rest =
    failed.length > 0
      ? ` ${plural(failed.length, 'message')} could not be changed (deleted, or the bot lost Manage Messages): ${messageLinks(failed)}`
      : '';
  await interaction.editReply({
    content: `Removed your vote reactions from ${plural(cleared, 'comparison message')}.${rest}`,
    components: [],
  });
}
