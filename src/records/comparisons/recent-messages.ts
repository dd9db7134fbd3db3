// A small time-ordered index of comparison messages, so reconciliation with Discord finds the recent ones without
// reading every ballot: one key per message, `${createdAt in ms, zero-padded}:${comparisonId}`, which sorts by
// time on every backend, listed from a cut-off with entries({ after }) and handed out newest first (people vote on
// what they just saw, so a repair pass that is cut short has served the votes that matter most).
import { z } from 'zod';
import type { Store } from '../../store/open-store.ts';

export const RECENT_MESSAGES_NAMESPACE = 'comparison-messages-by-time';

export const RecentMessageSchema = z.object({
  comparisonId: z.string().min(1),
  messageId: z.string().min(1),
  channelId: z.string().nullable(),
});
export type RecentMessage = z.infer<typeof RecentMessageSchema>;

// 15 digits hold every millisecond timestamp until the year 33658.
const timeKey = (at: Date) => String(at.getTime()).padStart(15, '0');

export interface RecentMessages {
  add(createdAt: Date, message: RecentMessage): Promise<void>;
  /** Messages of comparisons created after `since`, newest first (a week's entries are read, then walked backwards). */
  since(since: Date): AsyncGenerator<RecentMessage>;
  /** Drops one comparison's entry (its message is gone from Discord); true when there was one. */
  forget(createdAt: Date, comparisonId: string): Promise<boolean>;
  /** Drops the entries of comparisons created before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export function createRecentMessages(store: Store): RecentMessages {
  const index = store.namespace(RECENT_MESSAGES_NAMESPACE, RecentMessageSchema);
  return {
    add: (createdAt, message) => index.set(`${timeKey(createdAt)}:${message.comparisonId}`, message),
    async *since(since) {
      // Three ids per comparison: a week of a busy server is a few hundred kilobytes.
      const messages: RecentMessage[] = [];
      for await (const [, message] of index.entries({ after: timeKey(since) })) messages.push(message);
      yield* messages.reverse();
    },
    forget: (createdAt, comparisonId) => index.delete(`${timeKey(createdAt)}:${comparisonId}`),
    async prune(before) {
      const cutOff = timeKey(before);
      const old: string[] = [];
      for await (const [key] of index.entries()) {
        if (key >= cutOff) break;
        old.push(key);
      }
      for (const key of old) await index.delete(key);
      return old.length;
    },
  };
}
