// Routes every interaction: slash commands to their file in commands/, autocomplete to the command's
// suggester, buttons and select menus through the typed custom-id codec. Each runs inside the error boundary.
import type { Interaction } from 'discord.js';
import { withLogContext } from '../base/logger.ts';
import { UserError } from '../base/user-error.ts';
import { decodeCustomId } from '../render/discord/custom-id.ts';
import type { Command } from './command.ts';
import { showFullAnswer } from './sessions/components/full-answer.ts';
import { removeMyReactions } from './votes/remove-my-reactions.ts';
import { castButtonVote } from './votes/button-vote.ts';
import { showUsedMemories } from './chat/memory-used.ts';
import { revealComparison, showSlotSteps } from './sessions/components/reveal.ts';
import { askWhy, saveWhy } from './sessions/components/why.ts';
import { withErrorBoundary } from './error-boundary.ts';
import type { Services } from './services.ts';

export async function handleInteraction(
  interaction: Interaction,
  commands: ReadonlyMap<string, Command>,
  allServices: Services,
): Promise<void> {
  // Every line logged while handling this interaction carries its id and server.
  const log = withLogContext(allServices.log, {
    interactionId: interaction.id,
    guildId: interaction.guildId ?? undefined,
  });
  const services: Services = { ...allServices, log };
  if (interaction.isAutocomplete()) {
    await commands
      .get(interaction.commandName)
      ?.autocomplete?.(interaction, services)
      .catch((error: unknown) => services.log.warn(`autocomplete failed: ${String(error)}`));
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = commands.get(interaction.commandName);
    await withErrorBoundary(
      interaction,
      services.log,
      `/${interaction.commandName}`,
      async () => {
        // Registered earlier but gone from this version: say so instead of letting Discord show "interaction failed".
        if (!command)
          throw new UserError(
            'not-found',
            `/${interaction.commandName} no longer exists. Ask an admin to run \`npm run deploy-commands\`.`,
          );
        await command.execute(interaction, services);
      },
      () => services.metrics.errorSeen('command'),
    );
    return;
  }
  if (interaction.isButton()) {
    const id = decodeCustomId(interaction.customId);
    await withErrorBoundary(
      interaction,
      services.log,
      `button ${id?.action ?? 'unknown'}`,
      async () => {
        if (!id)
          throw new UserError('not-found', 'This button no longer works. Run the command again for a fresh one.');
        switch (id.action) {
          case 'full':
            return showFullAnswer(interaction, services, id.comparisonId, id.slot);
          case 'reveal':
            return revealComparison(interaction, services, id.comparisonId);
          case 'reasoning':
            return showSlotSteps(interaction, services, id.comparisonId, id.slot);
          case 'why':
            return askWhy(interaction, services, id.comparisonId);
          case 'unreact':
            return removeMyReactions(interaction, services);
          case 'memory-used':
            return showUsedMemories(interaction, services, id);
          case 'vote':
            return castButtonVote(interaction, services, id.comparisonId, id.choice);
          case 'why-tags':
            throw new UserError('not-found', 'This button no longer works. Run the command again for a fresh one.');
        }
      },
      () => services.metrics.errorSeen('button'),
    );
    return;
  }
  if (interaction.isStringSelectMenu()) {
    const id = decodeCustomId(interaction.customId);
    await withErrorBoundary(
      interaction,
      services.log,
      `menu ${id?.action ?? 'unknown'}`,
      async () => {
        if (id?.action !== 'why-tags')
          throw new UserError('not-found', 'This menu no longer works. Press the button again for a fresh one.');
        await saveWhy(interaction, services, id.comparisonId);
      },
      () => services.metrics.errorSeen('button'),
    );
  }
}
