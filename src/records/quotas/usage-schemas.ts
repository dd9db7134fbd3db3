// What the usage limits keep in the store, checked with zod on every read, and the keys they keep it under.
// Keys put the scope first so one server's day of costs is a single prefix listing.
import { z } from 'zod';

/** One user's compares in one scope during the last hour (ISO times, pruned on every write). */
export const RecentCompares = z.strictObject({ at: z.array(z.iso.datetime()) });
export type RecentCompares = z.infer<typeof RecentCompares>;

/** One finished run's cost; null when the model's price is unknown. */
export const RunCost = z.strictObject({ usd: z.number().min(0).nullable(), at: z.iso.datetime() });
export type RunCost = z.infer<typeof RunCost>;

// Ids become parts of keys and key-prefix scans: ':' separates the parts, the rest would be wildcards on Redis.
const ID = /^[^:*?[\]\\\s]+$/;

function checkId(what: string, id: string): string {
  if (!ID.test(id)) throw new Error(`${what} ${JSON.stringify(id)} cannot be used in a usage key`);
  return id;
}

/** 'dm' for direct messages, `guild-<id>` for a server, so no server id can collide with the DM scope. */
export const scopeOf = (guildId: string | null) => (guildId === null ? 'dm' : `guild-${checkId('Server id', guildId)}`);

/** The UTC calendar day of `at`, as YYYY-MM-DD (sorts like the dates it names). */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

export const comparesKey = (guildId: string | null, userHash: string) =>
  `${scopeOf(guildId)}:${checkId('User hash', userHash)}`;

export const costDayPrefix = (guildId: string | null, at: Date) => `${scopeOf(guildId)}:${utcDay(at)}`;

export const costKey = (guildId: string | null, runId: string, at: Date) =>
  `${costDayPrefix(guildId, at)}:${checkId('Run id', runId)}`;

/** The day part of a cost key (`scope:day:runId`). */
export const dayOfCostKey = (key: string) => key.split(':')[1] ?? '';
