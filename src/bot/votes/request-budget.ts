// Spaces background requests to Discord (reconciliation) at most `perSecond` a second, so they use a fixed share of
// the bot's global budget (50 a second) and commands, edits and reactions for users always find room. Waiting for
// a turn ends early, with an AbortError, when `signal` aborts (shutdown).
import { setTimeout as sleep } from 'node:timers/promises';

export interface RequestBudget {
  /** Resolves when the next request may go out. */
  take(signal: AbortSignal): Promise<void>;
}

export function createRequestBudget(perSecond: number): RequestBudget {
  const spacingMs = 1000 / perSecond;
  let nextAt = 0;
  return {
    async take(signal) {
      signal.throwIfAborted();
      const now = Date.now();
      const at = Math.max(now, nextAt);
      nextAt = at + spacingMs;
      if (at > now) await sleep(at - now, undefined, { signal });
    },
  };
}
