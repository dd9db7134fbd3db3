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

export const USE_KINDS = ['compare', 'answer', 'eval', 'memory'] as const;

/** What one pipeline (or the memory step, or the /eval judge) spent within a run. */
export const PartUse = z.strictObject({
  pipelineId: z.string().min(1),
  calls: z.int().min(0),
  tokens: z.int().min(0),
  /** null when a model's price is unknown. */
  costUsd: z.number().min(0).nullable(),
});
export type PartUse = z.infer<typeof PartUse>;

/** One run's model use (a comparison, an answer, an /eval, a memory step), kept under its user's salted hash. */
export const RunUse = z.strictObject({
  userHash: z.string().min(1),
  kind: z.enum(USE_KINDS),
  parts: z.array(PartUse),
  at: z.iso.datetime(),
});
export type RunUse = z.infer<typeof RunUse>;

/** The UTC calendar month of `at`, as YYYY-MM. */
export const utcMonth = (at: Date) => at.toISOString().slice(0, 7);

/** `scope:YYYY-MM`: listings match whole key parts, so the month is a part of its own and one listing finds it. */
export const useMonthPrefix = (guildId: string | null, at: Date) => `${scopeOf(guildId)}:${utcMonth(at)}`;

/** `scope:YYYY-MM:YYYY-MM-DD:runId`. */
export const useKey = (guildId: string | null, runId: string, at: Date) =>
  `${useMonthPrefix(guildId, at)}:${utcDay(at)}:${checkId('Run id', runId)}`;
