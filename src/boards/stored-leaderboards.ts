// Computed leaderboards, stored: one per scope and set of options anyone asked for, with the ratings-inputs
// mark it was computed from (current while the mark is unchanged) and when it was last asked for (boards
// nobody asks for stop being recounted). Derived data: not backed up; a restore touches the mark instead.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LeaderboardOptionsSchema, normalizedOptions } from '../ratings/build-leaderboard.ts';
import { LeaderboardSchema, STORED_LEADERBOARDS_NAMESPACE } from '../ratings/leaderboard.ts';
import type { Store } from '../store/open-store.ts';
import type { StoreNamespace } from '../store/store-namespace.ts';
import { StoredValueError } from '../store/stored-value-error.ts';

// Raise when the computation changes in a way the stored shape does not show, so older boards are recounted.
// 3: rows carry what their answers cost. 4: boards carry the technique x category table. 5: rows carry the version
// they count and their outcomes per category.
const BOARD_VERSION = 5;

export const LeaderboardRequestSchema = z.strictObject({
  /** null: every server's votes. */
  guildId: z.string().nullable(),
  /** Only votes from servers that turned publication on (/config publish): the public page's board. */
  published: z.boolean().optional(),
  options: LeaderboardOptionsSchema,
});
export type LeaderboardRequest = z.infer<typeof LeaderboardRequestSchema>;

const StoredLeaderboardSchema = z.object({
  v: z.literal(BOARD_VERSION),
  request: LeaderboardRequestSchema,
  /** The ratings-inputs mark read before counting began; null when no write had marked the store yet. */
  computedFrom: z.string().nullable(),
  computedAt: z.iso.datetime(),
  requestedAt: z.iso.datetime(),
  board: LeaderboardSchema,
});
export type StoredLeaderboard = z.infer<typeof StoredLeaderboardSchema>;

/** The same key for every request that gives the same board (defaults filled in). */
export function boardKey(request: LeaderboardRequest): string {
  const options = JSON.stringify(normalizedOptions(request.options));
  return `${request.published === true ? 'published-' : ''}${request.guildId ?? 'all'}:${createHash('sha256').update(options).digest('hex').slice(0, 16)}`;
}

export interface StoredLeaderboards {
  /** undefined when none is stored, or the stored one is from an older release or unreadable. */
  get(key: string): Promise<StoredLeaderboard | undefined>;
  /** Stores the board and returns it as stored. */
  save(key: string, board: Omit<StoredLeaderboard, 'v'>): Promise<StoredLeaderboard>;
  markRequested(key: string, stored: StoredLeaderboard, at: Date): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): AsyncGenerator<string>;
}

export function createStoredLeaderboards(
  store: Store,
  onUnreadable: (error: StoredValueError) => void,
): StoredLeaderboards {
  const namespace: StoreNamespace<StoredLeaderboard> = store.namespace(
    STORED_LEADERBOARDS_NAMESPACE,
    StoredLeaderboardSchema,
  );
  // A board stored by another release may not parse: it is recomputed, not an error anyone must fix.
  const readable = async (key: string) => {
    try {
      return await namespace.get(key);
    } catch (error) {
      if (!(error instanceof StoredValueError)) throw error;
      onUnreadable(error);
      return undefined;
    }
  };
  return {
    get: readable,
    async save(key, counted) {
      const stored: StoredLeaderboard = { v: BOARD_VERSION, ...counted };
      await namespace.set(key, stored);
      return stored;
    },
    markRequested: (key, stored, at) => namespace.set(key, { ...stored, requestedAt: at.toISOString() }),
    async delete(key) {
      await namespace.delete(key);
    },
    async *keys() {
      // Keys only, listed unchecked: a board this release cannot read must not stop the pass over the others.
      const keys: string[] = [];
      for await (const [key] of store.namespace(STORED_LEADERBOARDS_NAMESPACE, z.unknown()).entries()) keys.push(key);
      yield* keys;
    },
  };
}
