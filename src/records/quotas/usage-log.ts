// Every run's model use (calls, tokens, cost per pipeline), kept per scope, UTC month, day and run under the user's salted
// hash (never the Discord id), for /usage. Each run is its own key, so no two processes ever write the same one.
import type { Store } from '../../store/open-store.ts';
import { type PartUse, RunUse, useKey, useMonthPrefix, utcMonth } from './usage-schemas.ts';

export interface UsageLog {
  /** Records one finished run; recording the same run again replaces it. */
  record(input: {
    guildId: string | null;
    userHash: string;
    runId: string;
    kind: RunUse['kind'];
    parts: PartUse[];
    now?: Date;
  }): Promise<void>;
  /** Every run recorded in the scope during the UTC month of `now`. */
  month(guildId: string | null, now?: Date): Promise<RunUse[]>;
  /** /forget-me: deletes every run of the user, in every scope; returns how many. */
  forgetUser(userHash: string): Promise<number>;
  /** Deletes the runs of UTC months before the month of `date`; returns how many. */
  pruneBefore(date: Date): Promise<number>;
}

const monthOfKey = (key: string) => key.split(':')[1] ?? '';

export function createUsageLog(store: Store): UsageLog {
  const runs = store.namespace('usage-runs', RunUse);
  return {
    async record({ guildId, userHash, runId, kind, parts, now = new Date() }) {
      await runs.set(useKey(guildId, runId, now), { userHash, kind, parts, at: now.toISOString() });
    },

    async month(guildId, now = new Date()) {
      const found: RunUse[] = [];
      for await (const [, run] of runs.entries({ under: useMonthPrefix(guildId, now) })) found.push(run);
      return found;
    },

    async forgetUser(userHash) {
      const theirs: string[] = [];
      for await (const [key, run] of runs.entries()) if (run.userHash === userHash) theirs.push(key);
      for (const key of theirs) await runs.delete(key);
      return theirs.length;
    },

    async pruneBefore(date) {
      const before = utcMonth(date);
      const old: string[] = [];
      for await (const [key] of runs.entries()) if (monthOfKey(key) < before) old.push(key);
      for (const key of old) await runs.delete(key);
      return old.length;
    },
  };
}
