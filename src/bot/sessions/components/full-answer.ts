// "Full answer A" button: the whole text of one slot, privately, as text or an attached file.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { UserError } from '../../../base/user-error.ts';
import { renderFullAnswer } from '../../../render/discord/comparison-message.ts';
import type { Services } from '../../services.ts';

export async function showFullAnswer(
  interaction: ButtonInteraction,
  services: Pick<Services, 'comparisons'>,
  comparisonId: string,
  slot: number,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
  // The ballot and texts only: the traces are not needed to show an answer.
  const [[ballot], [texts]] = await Promise.all([
    services.comparisons.ballots([comparisonId]),
    services.comparisons.texts([comparisonId]),
  ]);
  const letter = ballot?.slots[slot]?.letter;
  const answer = texts?.answers[slot];
  if (letter === undefined || !answer) throw new UserError('not-found', 'That answer is not available any more.');
  const { content, files } = renderFullAnswer(letter, answer);
  await interaction.editReply({ content, files: files?.map((file) => ({ attachment: file.data, name: file.name })) });
}
