// Per-user compare rate limits and a per-server daily model budget, kept in the store so they survive restarts
// and hold across several bot processes. Nothing here read-modify-writes a key that two processes share: a user's
// recent compares are one key (one user's commands reach one process, and are serialised per key within it), and
// every run's cost is its own key, summed by listing the day's prefix.
import { UserError } from '../../base/user-error.ts';
import { createKeyedQueue } from '../../store/keyed-queue.ts';
import type { Store } from '../../store/open-store.ts';
import { costCapMessage, rateLimitedMessage } from './limit-messages.ts';
import { comparesKey, costDayPrefix, costKey, dayOfCostKey, RecentCompares, RunCost, utcDay } from './usage-schemas.ts';

export interface UsageLimits {
  /** Throws UserError('cost-cap') when the scope's spend today (UTC day) is at or above `dailyCapUsd` (0 = no cap);
   * throws UserError('rate-limited') when the user already ran `perHour` compares in the last 60 minutes
   * (0 = unlimited), saying how long until the next one. Otherwise records the compare and returns, so two quick
   * calls cannot both slip through. The cap is soft: runs still in flight are not yet in the day's spend. */
  reserveCompare(input: ReserveInput): Promise<void>;
  /** The same for chat answers and /ask, counted separately from compares. */
  reserveAnswer(input: ReserveInput): Promise<void>;
  /** Adds a finished run's cost to its scope's spend for the UTC day of `now`; recording the same run again replaces
   * its cost. A null cost (unknown price) counts as 0 and marks the day's spend as incomplete. */
  recordCost(input: { guildId: string | null; runId: string; costUsd: number | null; now?: Date }): Promise<void>;
  spentToday(guildId: string | null, now?: Date): Promise<{ usd: number; incomplete: boolean }>;
  /** For /config show and /usage: compares (or answers) the user has left this hour (null: unlimited) and when the
   * oldest one expires. */
  remaining(input: {
    guildId: string | null;
    userHash: string;
    perHour: number;
    kind?: UsageKind;
    now?: Date;
  }): Promise<{ left: number | null; used: number; resetsAt: Date | null }>;
  /** Deletes the recorded costs of every scope for UTC days before the day of `date`; returns how many. */
  pruneBefore(date: Date): Promise<number>;
}

export interface ReserveInput {
  guildId: string | null;
  userHash: string;
  perHour: number;
  dailyCapUsd: number;
  now?: Date;
}

export type UsageKind = 'compare' | 'answer';
const NOUN: Record<UsageKind, string> = { compare: 'comparison', answer: 'answer' };

const HOUR_MS = 60 * 60 * 1000;
// Costs are floats in dollars; rounding the sum hides binary noise (200 × 0.01 must read 2, not 1.9999999999).
const SUM_PRECISION = 1e9;

/** The compares of the last hour before `now`, oldest first. */
function recentTimes(stored: RecentCompares | undefined, now: Date): number[] {
  const since = now.getTime() - HOUR_MS;
  return (stored?.at ?? [])
    .map((at) => Date.parse(at))
    .filter((time) => time > since)
    .sort((a, b) => a - b);
}

const nextUtcMidnight = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);

export function createUsageLimits(store: Store): UsageLimits {
  const recent: Record<UsageKind, ReturnType<typeof store.namespace<RecentCompares>>> = {
    compare: store.namespace('usage-compares', RecentCompares),
    answer: store.namespace('usage-answers', RecentCompares),
  };
  const costs = store.namespace('usage-costs', RunCost);
  const queue = createKeyedQueue();

  const spentToday = async (guildId: string | null, now = new Date()) => {
    let usd = 0;
    let incomplete = false;
    for await (const [, cost] of costs.entries({ under: costDayPrefix(guildId, now) })) {
      if (cost.usd === null) incomplete = true;
      else usd += cost.usd;
    }
    return { usd: Math.round(usd * SUM_PRECISION) / SUM_PRECISION, incomplete };
  };

  const checkBudget = async (guildId: string | null, dailyCapUsd: number, now: Date) => {
    if (dailyCapUsd <= 0) return;
    const spent = await spentToday(guildId, now);
    if (spent.usd < dailyCapUsd) return;
    const untilResetMs = nextUtcMidnight(now) - now.getTime();
    const message = costCapMessage({
      inGuild: guildId !== null,
      capUsd: dailyCapUsd,
      spentUsd: spent.usd,
      incomplete: spent.incomplete,
      untilResetMs,
    });
    throw new UserError('cost-cap', message);
  };

  async function reserve(
    kind: UsageKind,
    { guildId, userHash, perHour, dailyCapUsd, now = new Date() }: ReserveInput,
  ): Promise<void> {
    // Budget first: telling someone to wait 12 minutes, only to refuse them for the budget then, helps nobody.
    await checkBudget(guildId, dailyCapUsd, now);
    const key = comparesKey(guildId, userHash);
    const namespace = recent[kind];
    await queue.run(`${kind}:${key}`, async () => {
      const times = recentTimes(await namespace.get(key), now);
      if (perHour > 0 && times.length >= perHour) {
        // With perHour lowered meanwhile, several must expire before one is free again.
        const freedAt = (times[times.length - perHour] ?? now.getTime()) + HOUR_MS;
        throw new UserError('rate-limited', rateLimitedMessage(perHour, freedAt - now.getTime(), NOUN[kind]));
      }
      // Recorded even when unlimited, so a limit set later counts the ones already made. The hour's TTL
      // lets the store drop the whole entry once it can no longer matter.
      const at = [...times, now.getTime()].map((time) => new Date(time).toISOString());
      await namespace.keyv.set(key, { at } satisfies RecentCompares, HOUR_MS);
    });
  }

  return {
    reserveCompare: (input) => reserve('compare', input),
    reserveAnswer: (input) => reserve('answer', input),

    async recordCost({ guildId, runId, costUsd, now = new Date() }) {
      if (costUsd !== null && !(Number.isFinite(costUsd) && costUsd >= 0)) {
        throw new Error(`Run ${runId} has an impossible cost of ${costUsd} USD`);
      }
      await costs.set(costKey(guildId, runId, now), { usd: costUsd, at: now.toISOString() });
    },

    spentToday,

    async remaining({ guildId, userHash, perHour, kind = 'compare', now = new Date() }) {
      const times = recentTimes(await recent[kind].get(comparesKey(guildId, userHash)), now);
      const oldest = times[0];
      return {
        left: perHour > 0 ? Math.max(0, perHour - times.length) : null,
        used: times.length,
        resetsAt: oldest === undefined ? null : new Date(oldest + HOUR_MS),
      };
    },

    async pruneBefore(date) {
      const before = utcDay(date);
      const old: string[] = [];
      for await (const [key] of costs.entries()) if (dayOfCostKey(key) < before) old.push(key);
      for (const key of old) await costs.delete(key);
      return old.length;
    },
  };
}
