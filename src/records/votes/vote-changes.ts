// Tells listeners which comparison a vote just changed on (a reaction, a button, a repair from Discord), or whose
// votes now count differently (its answers came in, so votes cast meanwhile are read again), so work that depends
// on the votes of one comparison (an experiment's stopping rule) runs at once instead of polling.
import type { VoteLedger } from './vote-ledger.ts';

export interface VoteChanges {
  /** `listener` runs after every change to a comparison's votes; returns a function that unsubscribes. */
  subscribe(listener: (comparisonId: string) => void): () => void;
  /** Announces a change to what the comparison's votes count for without a vote changing: its answers came in. */
  announce(comparisonId: string): void;
}

/** The ledger, announcing each change through the returned `changes`. */
export function announcingVoteChanges(ledger: VoteLedger): { votes: VoteLedger; changes: VoteChanges } {
  const listeners = new Set<(comparisonId: string) => void>();
  const announce = (comparisonId: string) => listeners.forEach((listener) => listener(comparisonId));
  return {
    votes: {
      ...ledger,
      async applyReaction(event, change) {
        const vote = await ledger.applyReaction(event, change);
        announce(event.comparisonId);
        return vote;
      },
      async reconcile(comparisonId, ...rest) {
        const repairs = await ledger.reconcile(comparisonId, ...rest);
        if (repairs > 0) announce(comparisonId);
        return repairs;
      },
    },
    changes: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      announce,
    },
  };
}
