// The rule that repairs one voter's stored reactions from what Discord shows on the message. Discord lists who
// reacted with each emoji but not when, so the order comes from when the bot could have seen them: a reaction found
// only on Discord was added while this process was not listening yet (or its event was lost), so it is newer than
// every reaction stored before this process started listening and older than every one stored since. Several found
// together go in ballot order (A, B, C, D, 🤝, 👎): 🇦 stored before a restart + 🇧 found counts 🇧; 🇧 found + 🇦
// received live after the restart counts 🇦; a voter the bot never saw votes 🇧 for 🇦 + 🇧, 👎 for 🇦 + 👎.
import { sameChoice } from './reaction-list.ts';
import type { VoteChoice } from './vote.ts';
import type { ActiveReaction } from './vote-schema.ts';

const rank = (choice: VoteChoice) => (choice.kind === 'pick' ? choice.slot : choice.kind === 'tie' ? 100 : 101);

export interface Reconciled {
  reactions: ActiveReaction[];
  /** Reactions added plus reactions removed. */
  repairs: number;
}

export function reconcileReactions(
  stored: readonly ActiveReaction[],
  onDiscord: readonly VoteChoice[],
  found: { at: string; afterReveal: boolean },
  listeningSince: Date,
): Reconciled {
  // Button votes are not on Discord as reactions: nothing there can confirm or withdraw them.
  const kept = stored.filter(
    (reaction) => reaction.source === 'button' || onDiscord.some((choice) => sameChoice(choice, reaction.choice)),
  );
  const added = onDiscord
    .filter((choice) => !stored.some((reaction) => sameChoice(reaction.choice, choice)))
    .toSorted((left, right) => rank(left) - rank(right))
    .map((choice) => ({ choice, ...found }));
  // Stored order is arrival order: from the first reaction stored since this process started listening, all are newer.
  const firstSince = kept.findIndex((reaction) => Date.parse(reaction.at) >= listeningSince.getTime());
  const split = firstSince === -1 ? kept.length : firstSince;
  return {
    reactions: [...kept.slice(0, split), ...added, ...kept.slice(split)],
    repairs: added.length + (stored.length - kept.length),
  };
}
