// The rule that repairs one voter's stored reactions from what Discord shows on the message. Discord lists who
// reacted with each emoji but not in which order one person added several, so: reactions the store already knows
// keep their stored order (and so the live vote stays what the voter last chose while the bot was watching), and
// reactions only Discord knows go before them, in ballot order (A, B, C, D, 🤝, 👎). A voter the bot never saw
// therefore votes with the last of their reactions in that order, e.g. 🇧 for 🇦 + 🇧, 👎 for 🇦 + 👎.
import { sameChoice } from './reaction-list.js';
import type { VoteChoice } from './vote.js';
import type { ActiveReaction } from './vote-schema.js';

const rank = (choice: VoteChoice) => (choice.kind === 'pick' ? choice.slot : choice.kind === 'tie' ? 100 : 101);

export interface Reconciled {
  reactions: ActiveReaction[];
  /** Reactions added plus reactions removed. */
  repairs: number;
}

export function reconcileReactions(stored: readonly ActiveReaction[], onDiscord: readonly VoteChoice[], found: { at: string; afterReveal: boolean }): Reconciled {
  const kept = stored.filter((reaction) => onDiscord.some((choice) => sameChoice(choice, reaction.choice)));
  const added = onDiscord
    .filter((choice) => !stored.some((reaction) => sameChoice(reaction.choice, choice)))
    .toSorted((left, right) => rank(left) - rank(right))
    .map((choice) => ({ choice, ...found }));
  return { reactions: [...added, ...kept], repairs: added.length + (stored.length - kept.length) };
}
