// Discord's global rate limit: a bot token may make 50 requests a second, all routes together (interaction
// callbacks and webhook tokens, sent without the bot's Authorization, are not counted). Past it, 429 with
// `X-RateLimit-Global` and `retry_after`. Also tells each request how much of the budget was in use when it came.
import type { FaultReply } from './rest-faults.ts';

export interface GlobalBudget {
  /**
   * Counts one request by the bot (`counted`), answering the 429 to send instead when the last second is full;
   * for any request, says how many of the bot's requests the last second holds.
   */
  admit(now: number, counted: boolean): { used: number; refusal?: FaultReply };
}

const WINDOW_MS = 1000;

export function createGlobalBudget(perSecond: number): GlobalBudget {
  const admitted: number[] = [];
  return {
    admit(now, counted) {
      while (admitted.length > 0 && (admitted[0] ?? 0) <= now - WINDOW_MS) admitted.shift();
      const used = admitted.length;
      if (!counted) return { used };
      if (used < perSecond) {
        admitted.push(now);
        return { used };
      }
      const retryAfter = Math.max(0.001, ((admitted[0] ?? now) + WINDOW_MS - now) / 1000);
      return {
        used,
        refusal: {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true },
          headers: {
            'Retry-After': retryAfter.toFixed(3),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        },
      };
    },
  };
}
