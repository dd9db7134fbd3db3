// "Full answer A" button: the whole text of one slot, privately, as text or an attached file.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { UserError } from '../../errors/user-error.js';
import { renderFullAnswer } from '../../render/discord/comparison-message.js';
import type { Services } from '../services.js';

export async function showFullAnswer(interaction: ButtonInteraction, services: Services, comparisonId: string, slot: number): Promise<void> {
  const comparison = await services.comparisons.get(comparisonId);
  const entry = comparison?.slots[slot];
  if (!entry?.result?.answer) throw new UserError('not-found', 'That answer is not available any more.');
  const { content, files } = renderFullAnswer(entry.letter, entry.result.answer);
  await interaction.reply({ content, files: files?.map((file) => ({ attachment: file.data, name: file.name })), flags: MessageFlags.Ephemeral });
}
