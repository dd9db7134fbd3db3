// "Why?" under a comparison: the voter privately tags their own live vote with reasons from
// prompts/reason-tags.yaml. The select menu's values come back from Discord as outside input and are checked
// against the tags configured now; a vote changed or withdrawn meanwhile gets a friendly line, not a stack.
import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { z } from 'zod';
import { UserError } from '../../../base/user-error.ts';
import {
  NO_VOTE_FOR_WHY,
  WHY_SWITCHED_OFF,
  reasonTagsSaved,
  renderReasonTagsMenu,
  type ReasonTag,
} from '../../../render/discord/reason-tags-menu.ts';
import type { VoteRecord } from '../../../records/votes/vote.ts';
import type { Services } from '../../services.ts';

/** What this module's handlers use of the bot's services. */
type WhyServices = Pick<Services, 'catalog' | 'comparisons' | 'hashUser' | 'votes'>;

function configuredTags(services: WhyServices): ReasonTag[] {
  const list = services.catalog().reasonTags;
  if (list === null) throw new UserError('invalid-option', WHY_SWITCHED_OFF);
  return list.tags;
}

async function votedFor(services: WhyServices, vote: VoteRecord): Promise<string> {
  if (vote.choice.kind === 'tie') return 'a tie';
  if (vote.choice.kind === 'all-bad') return 'all bad';
  const ballot = await services.comparisons.ballot(vote.comparisonId);
  return ballot?.slots[vote.choice.slot]?.letter ?? `slot ${vote.choice.slot + 1}`;
}

export async function askWhy(
  interaction: ButtonInteraction,
  services: WhyServices,
  comparisonId: string,
): Promise<void> {
  const tags = configuredTags(services);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
  const vote = await services.votes.liveVote(comparisonId, services.hashUser(interaction.user.id));
  if (vote === null) {
    await interaction.editReply({ content: NO_VOTE_FOR_WHY });
    return;
  }
  const menu = renderReasonTagsMenu(comparisonId, await votedFor(services, vote), tags, vote.tags ?? []);
  await interaction.editReply(menu);
}

export async function saveWhy(
  interaction: StringSelectMenuInteraction,
  services: WhyServices,
  comparisonId: string,
): Promise<void> {
  const tags = configuredTags(services);
  const ids = tags.map((tag) => tag.id);
  const chosen = z
    .array(z.string().refine((value) => ids.includes(value)))
    .min(1)
    .safeParse(interaction.values);
  if (!chosen.success)
    throw new UserError(
      'invalid-option',
      'Those reasons are no longer offered. Press **Why?** again for the current list.',
    );
  await interaction.deferUpdate(); // before the store, which may hang; failures then replace the menu, privately as it is
  const saved = await services.votes.setTags(comparisonId, services.hashUser(interaction.user.id), chosen.data);
  if (saved === null) {
    await interaction.editReply({ content: NO_VOTE_FOR_WHY, components: [] });
    return;
  }
  const labels = tags.filter((tag) => saved.tags?.includes(tag.id)).map((tag) => tag.label);
  await interaction.editReply({ content: reasonTagsSaved(labels), components: [] });
}
