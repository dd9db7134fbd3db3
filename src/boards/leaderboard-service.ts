// Leaderboards as people ask for them: counting every vote with its ballot takes seconds at a busy server's
// size (a year of votes), so each board is stored once computed and served from there while the votes and
// ballots it was counted from are unchanged. When they changed, the stored board is served at once, marked as
// being recounted, and the recount (one per board at a time in this process) hands the fresh board to whoever
// waits for it. Only a board never computed before makes its first asker wait. A background pass keeps the
// boards people asked for in the last day current, so most requests find theirs fresh, without recounting every
// variant anyone ever asked for (each option, each model: a board of its own) after every vote. Counting happens in a
// worker thread (count-in-worker.ts), so neither its memory nor its CPU stays with the bot.
import { access } from 'node:fs/promises';
import { ratingsMarker } from '../records/comparisons/ratings-marker.ts';
import type { Logger } from '../base/logger.ts';
import type { Leaderboard } from '../ratings/leaderboard.ts';
import type { Store, StoreOptions } from '../store/open-store.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import { CountFailedError, countInWorker } from './count-in-worker.ts';
import {
  createStoredLeaderboards,
  boardKey,
  type LeaderboardRequest,
  type StoredLeaderboard,
} from './stored-leaderboards.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The background pass keeps boards asked for this recently current; others are recounted when next asked for. */
export const KEEP_CURRENT_MS = DAY_MS;
/** A board nobody asked for in this long is dropped. */
export const KEEP_REQUESTED_MS = 7 * DAY_MS;
/** How often the background pass looks for boards whose votes changed. */
export const REFRESH_EVERY_MS = 60_000;
// Writing "asked for" on every request would be a store write per /leaderboard; this coarse is enough.
const REQUESTED_RESOLUTION_MS = 60 * 60 * 1000;

export interface ServedLeaderboard {
  board: Leaderboard;
  computedAt: Date;
  /** Set when votes or ballots changed since the board was counted: resolves to the recounted board. */
  recount: Promise<{ board: Leaderboard; computedAt: Date }> | null;
}

export interface Leaderboards {
  get(request: LeaderboardRequest): Promise<ServedLeaderboard>;
  /** Recounts the stored boards that are out of date and were asked for in the last day; drops those not asked for in a week. */
  refresh(): Promise<{ recounted: number; dropped: number }>;
  /** Runs refresh every REFRESH_EVERY_MS until close or the returned stop (when the duty moves to another process). */
  startRefreshing(): () => void;
  /** Stops refreshing and ends counts under way, so a shutdown does not wait for them. */
  close(): void;
}

/**
 * `store` is the bot's open store; `storeOptions` how the counting worker opens its own connection to it. With
 * `publishedDatasetPath`, each count of the published board of all servers also writes the public dataset there.
 */
export function createLeaderboards(deps: {
  store: Store;
  storeOptions: StoreOptions;
  log: Pick<Logger, 'warn' | 'error'>;
  now?: () => Date;
  publishedDatasetPath?: string;
}): Leaderboards {
  const now = deps.now ?? (() => new Date());
  const marker = ratingsMarker(deps.store);
  const boards = createStoredLeaderboards(deps.store, (error) =>
    deps.log.warn(`leaderboard: a stored board could not be read and will be recounted (${error.problem})`),
  );
  const counting = new Map<string, Promise<StoredLeaderboard>>();
  const closing = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const warn = (message: string) => {
    if (!closing.signal.aborted) deps.log.warn(message);
  };

  // Only the page's own board writes the dataset; its boards within one category (?category=) hold the same votes.
  const datasetPathOf = (request: LeaderboardRequest) =>
    request.published === true && request.guildId === null && (request.options.category ?? null) === null
      ? deps.publishedDatasetPath
      : undefined;
  /** A current board whose dataset file is gone (a new data directory, a deleted file) is counted again to write it. */
  const datasetMissing = async (request: LeaderboardRequest) => {
    const datasetPath = datasetPathOf(request);
    return (
      datasetPath !== undefined &&
      !(await access(datasetPath).then(
        () => true,
        () => false,
      ))
    );
  };

  const count = (key: string, request: LeaderboardRequest, requestedAt: Date): Promise<StoredLeaderboard> => {
    const running = counting.get(key);
    if (running !== undefined) return running;
    const work = (async () => {
      // Read before counting: a write that lands during the count changes the mark, so this board reads as stale.
      const from = await marker.current();
      const datasetPath = datasetPathOf(request);
      const job = { store: deps.storeOptions, request, ...(datasetPath === undefined ? {} : { datasetPath }) };
      const board = await countInWorker(job, closing.signal).catch((error: unknown) => {
        // The worker's store is the bot's store: reported as such, users are told to retry rather than given a bug reference.
        throw error instanceof CountFailedError && error.storeUnavailable
          ? new StoreUnavailableError(deps.store.backend, deps.store.location, error)
          : error;
      });
      const counted = {
        request,
        computedFrom: from?.token ?? null,
        computedAt: now().toISOString(),
        requestedAt: requestedAt.toISOString(),
        board,
      };
      return boards.save(key, counted);
    })().finally(() => counting.delete(key));
    counting.set(key, work);
    return work;
  };
  const served = (stored: StoredLeaderboard) => ({ board: stored.board, computedAt: new Date(stored.computedAt) });
  const isCurrent = (stored: StoredLeaderboard, mark: { token: string } | null) =>
    stored.computedFrom === (mark?.token ?? null);

  const refresh = async (): Promise<{ recounted: number; dropped: number }> => {
    const mark = await marker.current();
    const result = { recounted: 0, dropped: 0 };
    for await (const key of boards.keys()) {
      const stored = await boards.get(key);
      if (stored === undefined) continue;
      const idle = now().getTime() - Date.parse(stored.requestedAt);
      if (idle > KEEP_REQUESTED_MS) {
        await boards.delete(key);
        result.dropped += 1;
      } else if (idle <= KEEP_CURRENT_MS && !isCurrent(stored, mark)) {
        await count(key, stored.request, new Date(stored.requestedAt));
        result.recounted += 1;
      }
    }
    return result;
  };

  return {
    async get(request) {
      const key = boardKey(request);
      const [mark, stored] = await Promise.all([marker.current(), boards.get(key)]);
      const at = now();
      if (stored === undefined || (await datasetMissing(request)))
        return { ...served(await count(key, request, at)), recount: null };
      if (at.getTime() - Date.parse(stored.requestedAt) > REQUESTED_RESOLUTION_MS) {
        await boards
          .markRequested(key, stored, at)
          .catch((error: unknown) => deps.log.warn(`leaderboard: could not note a request (${String(error)})`));
      }
      if (isCurrent(stored, mark)) return { ...served(stored), recount: null };
      const recount = count(key, stored.request, at).then(served);
      // The stale board is already served; a failed recount is reported here, whether or not anyone waits.
      recount.catch((error: unknown) => warn(`leaderboard: could not recount (${String(error)})`));
      return { ...served(stored), recount };
    },
    refresh,
    startRefreshing() {
      let failing = false;
      let running: Promise<void> | null = null;
      const run = () => {
        if (running !== null) return; // a pass over many boards may outlast the interval
        running = refresh()
          .then(() => {
            if (failing) deps.log.warn('leaderboard: recounting works again');
            failing = false;
          })
          .catch((error: unknown) => {
            // Logged once per outage: the store being down is already reported by whatever else needs it.
            if (!failing)
              warn(
                `leaderboard: could not recount stored boards; will retry every ${REFRESH_EVERY_MS / 1000} s (${String(error)})`,
              );
            failing = true;
          })
          .finally(() => {
            running = null;
          });
      };
      const started = setInterval(run, REFRESH_EVERY_MS);
      started.unref();
      timer = started;
      return () => clearInterval(started);
    },
    close() {
      clearInterval(timer);
      closing.abort();
    },
  };
}
