// Housekeeping at start-up and every few hours: spend records of past days go (only today's count toward
// the budget; a week is kept for reference), and /usage's records of months before the last; when RETENTION_DAYS is set, stored prompts (and the inputs
// in traces) older than that are blanked. Votes and answers stay, so the leaderboard is unaffected.
// Every few minutes, what deletions left on disk is scrubbed, so /forget-me and retention reach the disk soon.
import type { ComparisonStore } from '../records/comparisons/comparison-store.ts';
import type { UsageLimits } from '../records/quotas/usage-limits.ts';
import type { UsageLog } from '../records/quotas/usage-log.ts';
import type { Logger } from '../base/logger.ts';
import type { Store } from '../store/open-store.ts';

const EVERY_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long the text of a deletion (/forget-me, /memory forget, a finished comparison's interaction) may stay on disk. */
export const SCRUB_EVERY_MS = 5 * 60 * 1000;

const COST_DAYS_KEPT = 7;

export interface HousekeepingOptions {
  retentionDays: number;
  scrubEveryMs?: number;
}

export function startHousekeeping(
  stores: { store: Store; comparisons: ComparisonStore; limits: UsageLimits; usage: UsageLog },
  { retentionDays, scrubEveryMs = SCRUB_EVERY_MS }: HousekeepingOptions,
  log: Logger,
): () => Promise<void> {
  const purge = async () => {
    await stores.limits.pruneBefore(new Date(Date.now() - COST_DAYS_KEPT * DAY_MS));
    const now = new Date();
    await stores.usage.pruneBefore(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
    if (retentionDays <= 0) return;
    const count = await stores.comparisons.purgeConversationsOlderThan(new Date(Date.now() - retentionDays * DAY_MS));
    if (count > 0)
      log.info(`retention: removed the prompts of ${count} comparison(s) older than ${retentionDays} day(s)`);
  };
  // Deletions are not tracked one by one (forget-me blanks records as well as deleting them): on SQLite a scrub
  // with nothing to clear is one checkpoint, cheap enough to run on a timer.
  const scrub = () => stores.store.scrubDeleted();
  // Work still running when housekeeping stops is awaited, so it never meets a store being closed.
  const running = new Set<Promise<void>>();
  const run = (work: () => Promise<void>) => () => {
    const done = work().catch((error: unknown) => log.error('housekeeping failed', error));
    running.add(done);
    void done.finally(() => running.delete(done));
  };
  // Pruning and retention come before the first scrub, so what they blanked leaves the disk at once.
  run(async () => {
    await purge();
    await scrub();
  })();
  const timers = [setInterval(run(purge), EVERY_MS), setInterval(run(scrub), scrubEveryMs)];
  for (const timer of timers) timer.unref();
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running);
  };
}
