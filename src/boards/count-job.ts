// What the bot hands a counting worker, and what comes back: plain data that crosses the thread boundary.
import { z } from 'zod';
import { LeaderboardSchema } from '../ratings/leaderboard.js';
import { StoreOptionsSchema } from '../store/open-store.js';
import { LeaderboardRequestSchema } from './stored-leaderboards.js';

export const CountJobSchema = z.strictObject({
  store: StoreOptionsSchema,
  request: LeaderboardRequestSchema,
  /** Also write the public dataset here, from the same servers and the same moment as the board. */
  datasetPath: z.string().optional(),
});
export type CountJob = z.infer<typeof CountJobSchema>;

export const CountReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), board: LeaderboardSchema }),
  /** storeUnavailable: the worker could not reach the store (an outage, not a bug). */
  z.object({ ok: z.literal(false), message: z.string(), storeUnavailable: z.boolean() }),
]);
export type CountReply = z.infer<typeof CountReplySchema>;
