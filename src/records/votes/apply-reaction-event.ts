// One reaction event (message, voter, emoji) written to the ledger: the message's comparison is looked up, the
// emoji read as a choice of that comparison, and the voter's reactions updated. Used for live events and for
// events replayed from the journal alike, so both follow the same rules. An event that changes no vote says why.
import type { ComparisonStore } from '../comparisons/comparison-store.ts';
import { choiceFromEmoji, isBallotChoice } from './vote-emoji.ts';
import type { JournaledReaction } from './reaction-journal.ts';
import type { VoteLedger } from './vote-ledger.ts';

/**
 * Why a vote reaction changed nothing: its message is not a stored comparison (or its link is not stored yet),
 * its answer has not come back yet, or it is no choice of the finished comparison (a failed slot's letter, a
 * letter past the last slot, 🤝 with one answer).
 */
export type DropReason = 'unknown-message' | 'answers-pending' | 'not-on-ballot';
export type ReactionOutcome = { applied: true } | { applied: false; reason: DropReason };

export async function applyReactionEvent(
  event: JournaledReaction,
  data: { comparisons: ComparisonStore; votes: VoteLedger },
): Promise<ReactionOutcome> {
  const comparison = await data.comparisons.findByMessageId(event.messageId);
  if (!comparison) return { applied: false, reason: 'unknown-message' };
  const choice = choiceFromEmoji(event.emoji, comparison.slots.length);
  if (!choice) return { applied: false, reason: 'not-on-ballot' };
  // A letter of a failed slot (added by hand) is not a vote: failed answers take no part. One whose answer is still
  // being written may become a choice once it is in; reconciliation reads such a reaction back from Discord then.
  if (
    !isBallotChoice(
      choice,
      comparison.slots.map((slot) => slot.status === 'ok'),
    )
  ) {
    const waiting = choice.kind === 'pick' ? [comparison.slots[choice.slot]] : comparison.slots;
    return {
      applied: false,
      reason: waiting.some((slot) => slot?.status === 'pending') ? 'answers-pending' : 'not-on-ballot',
    };
  }
  await data.votes.applyReaction(
    {
      comparisonId: comparison.id,
      voterHash: event.voterHash,
      choice,
      guildId: comparison.guildId,
      afterReveal: false,
      at: new Date(event.at),
    },
    event.change,
  );
  return { applied: true };
}
