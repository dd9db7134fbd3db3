// One reaction event (message, voter, emoji) written to the ledger: the message's comparison is looked up, the
// emoji read as a choice of that comparison, and the voter's reactions updated. Used for live events and for
// events replayed from the journal alike, so both follow the same rules.
import type { ComparisonStore } from '../comparisons/comparison-store.js';
import { choiceFromEmoji, isBallotChoice } from '../render/discord/vote-emoji.js';
import type { JournaledReaction } from './reaction-journal.js';
import type { VoteLedger } from './vote-ledger.js';

/** Returns whether the event was a vote (a ballot emoji on a comparison message). */
export async function applyReactionEvent(event: JournaledReaction, data: { comparisons: ComparisonStore; votes: VoteLedger }): Promise<boolean> {
  const comparison = await data.comparisons.findByMessageId(event.messageId);
  if (!comparison) return false;
  const choice = choiceFromEmoji(event.emoji, comparison.slots.length);
  // A letter of a failed slot (added by hand) is not a vote: failed answers take no part.
  if (!choice || !isBallotChoice(choice, comparison.slots.map((slot) => slot.status === 'ok'))) return false;
  await data.votes.applyReaction(
    { comparisonId: comparison.id, voterHash: event.voterHash, choice, guildId: comparison.guildId, afterReveal: false, at: new Date(event.at) },
    event.change,
  );
  return true;
}
