// One reaction event (message, voter, emoji) written to the ledger: the message's comparison is looked up, the
// emoji read as a choice of that comparison, and the voter's reactions updated. Used for live events and for
// events replayed from the journal alike, so both follow the same rules. An event that changes no vote says why.
import type { ComparisonStore } from '../comparisons/comparison-store.ts';
import { choiceFromEmoji, isBallotChoice } from './vote-emoji.ts';
import type { JournaledReaction } from './reaction-journal.ts';
import type { VoteLedger } from './vote-ledger.ts';

/**
 * Why a vote reaction changed nothing: its message is not a stored comparison (or its link is not stored yet), or
 * it is no choice of the comparison (a failed slot's letter, a letter past the last slot, 🤝 with one answer).
 */
export type DropReason = 'unknown-message' | 'not-on-ballot';
export type ReactionOutcome = { applied: true } | { applied: false; reason: DropReason };

export async function applyReactionEvent(
  event: JournaledReaction,
  data: { comparisons: ComparisonStore; votes: VoteLedger },
): Promise<ReactionOutcome> {
  const comparison = await data.comparisons.findByMessageId(event.messageId);
  if (!comparison) return { applied: false, reason: 'unknown-message' };
  const choice = choiceFromEmoji(event.emoji, comparison.slots.length);
  if (!choice) return { applied: false, reason: 'not-on-ballot' };
  // Votes count while answers are still being written: each remembers which were in, so the leaderboard can tell
  // a vote on an answer read from one cast before it existed. A letter of a failed slot is no vote, while running
  // too; 🤝 and 👎 wait for no one, as long as the answers still to come could make them choices.
  const pending = comparison.slots.map((slot) => slot.status === 'pending');
  const ballot = comparison.slots.map((slot) => slot.status === 'ok' || slot.status === 'pending');
  if (!isBallotChoice(choice, ballot)) return { applied: false, reason: 'not-on-ballot' };
  const completeSlots = pending.some(Boolean) ? pending.flatMap((waiting, slot) => (waiting ? [] : [slot])) : undefined;
  await data.votes.applyReaction(
    {
      comparisonId: comparison.id,
      voterHash: event.voterHash,
      choice,
      guildId: comparison.guildId,
      afterReveal: false,
      at: new Date(event.at),
      ...(completeSlots === undefined ? {} : { completeSlots }),
    },
    event.change,
  );
  return { applied: true };
}
