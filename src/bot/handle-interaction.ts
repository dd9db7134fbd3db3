// Routes every interaction: slash commands to their file in commands/, autocomplete to the command's
// suggester, buttons through the typed custom-id codec. Each runs inside the error boundary.
import type { Interaction } from 'discord.js';
import { decodeCustomId } from '../render/discord/custom-id.js';
import type { Command } from './command.js';
import { showFullAnswer } from './components/full-answer.js';
import { revealComparison, showSlotSteps } from './components/reveal.js';
import { withErrorBoundary } from './error-boundary.js';
import type { Services } from './services.js';

export async function handleInteraction(interaction: Interaction, commands: ReadonlyMap<string, Command>, services: Services): Promise<void> {
  if (interaction.isAutocomplete()) {
    await commands.get(interaction.commandName)?.autocomplete?.(interaction, services).catch((error: unknown) => services.log.warn(`autocomplete failed: ${String(error)}`));
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = commands.get(interaction.commandName);
    if (!command) return;
    await withErrorBoundary(interaction, services.log, `/${interaction.commandName}`, () => command.execute(interaction, services));
    return;
  }
  if (interaction.isButton()) {
    const id = decodeCustomId(interaction.customId);
    if (!id) return;
    await withErrorBoundary(interaction, services.log, `button ${id.action}`, async () => {
      if (id.action === 'full') await showFullAnswer(interaction, services, id.comparisonId, id.slot);
      else if (id.action === 'reveal') await revealComparison(interaction, services, id.comparisonId);
      else if (id.action === 'reasoning') await showSlotSteps(interaction, services, id.comparisonId, id.slot);
    });
  }
}
