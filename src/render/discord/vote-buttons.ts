// The ballot as buttons, for messages where the bot cannot add or read reactions (a user install in a server the
// bot is not in, a group DM): a button per answered slot, then Tie and All bad, as the reactions would offer.
import { ButtonStyle, type APIButtonComponentWithCustomId } from 'discord.js';
import { SLOT_LETTERS } from '../../records/comparisons/comparison.ts';
import { ALL_BAD_EMOJI, ballotEmojis, choiceFromEmoji, TIE_EMOJI } from '../../records/votes/vote-emoji.ts';
import type { VoteChoice } from '../../records/votes/vote.ts';
import { button } from './button-rows.ts';
import { encodeCustomId } from './custom-id.ts';

export type BallotKind = 'reactions' | 'buttons';

export const choiceLabel = (choice: VoteChoice): string =>
  choice.kind === 'pick'
    ? (SLOT_LETTERS[choice.slot] ?? '?')
    : choice.kind === 'tie'
      ? `${TIE_EMOJI} Tie`
      : `${ALL_BAD_EMOJI} All bad`;

export function voteButtons(comparisonId: string, answered: readonly boolean[]): APIButtonComponentWithCustomId[] {
  return ballotEmojis(answered).flatMap((emoji) => {
    const choice = choiceFromEmoji(emoji, answered.length);
    if (choice === null) return [];
    const encoded = choice.kind === 'pick' ? choice.slot : choice.kind;
    return [
      button(
        choiceLabel(choice),
        encodeCustomId({ action: 'vote', comparisonId, choice: encoded }),
        ButtonStyle.Primary,
      ),
    ];
  });
}

/** The voting line for a button ballot; none when nothing answered. */
export function buttonVotingLine(answered: readonly boolean[]): string | null {
  const labels = voteButtons('x', answered).map((shown) => shown.label);
  if (labels.length === 0) return null;
  return `Press the button of the best answer (${labels.join(', ')}). One vote per person; press another to change it.`;
}
