// Housekeeping at start-up and every few hours: spend records of past days go (only today's count toward
// the budget; a week is kept for reference); when RETENTION_DAYS is set, stored prompts (and the inputs
// in traces) older than that are blanked. Votes and answers stay, so the leaderboard is unaffected.
import type { ComparisonStore } from '../comparisons/comparison-store.js';
import type { UsageLimits } from '../limits/usage-limits.js';
import type { Logger } from '../log/logger.js';

const EVERY_MS = 6 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const COST_DAYS_KEPT = 7;

export function startHousekeeping(stores: { comparisons: ComparisonStore; limits: UsageLimits }, days: number, log: Logger): () => void {
  const purge = async () => {
    await stores.limits.pruneBefore(new Date(Date.now() - COST_DAYS_KEPT * DAY_MS));
    if (days <= 0) return;
    const count = await stores.comparisons.purgeConversationsOlderThan(new Date(Date.now() - days * DAY_MS));
    if (count > 0) log.info(`retention: removed the prompts of ${count} comparison(s) older than ${days} day(s)`);
  };
  const run = () => void purge().catch((error: unknown) => log.error('housekeeping failed', error));
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
