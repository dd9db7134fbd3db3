// A vote cast with a button (where the bot cannot add or read reactions): stored in the same ledger as reactions,
// under the same rules (one live vote per person, changeable, only answered slots), flagged as a button vote, and
// confirmed privately to the voter.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { UserError } from '../../base/user-error.ts';
import { isBallotChoice } from '../../records/votes/vote-emoji.ts';
import type { VoteChoice } from '../../records/votes/vote.ts';
import { choiceLabel } from '../../render/discord/vote-buttons.ts';
import type { Services } from '../services.ts';

export async function castButtonVote(
  interaction: ButtonInteraction,
  services: Services,
  comparisonId: string,
  pressed: number | 'tie' | 'all-bad',
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
  const ballot = await services.comparisons.ballot(comparisonId);
  if (!ballot) throw new UserError('not-found', 'This comparison is no longer stored, so it cannot take votes.');
  const choice: VoteChoice = typeof pressed === 'number' ? { kind: 'pick', slot: pressed } : { kind: pressed };
  if (
    ballot.status !== 'done' ||
    !isBallotChoice(
      choice,
      ballot.slots.map((slot) => slot.status === 'ok'),
    )
  ) {
    throw new UserError('invalid-option', 'That is not a choice on this comparison’s ballot.');
  }
  const voterHash = services.hashUser(interaction.user.id);
  await services.votes.applyReaction(
    { comparisonId, voterHash, choice, guildId: ballot.guildId, afterReveal: false, at: new Date(), source: 'button' },
    'add',
  );
  services.metrics.voteApplied('add');
  await interaction.editReply({ content: `Your vote: **${choiceLabel(choice)}**. Press another button to change it.` });
}
