// The one text a frozen plan is hashed from: keys sorted at every depth, no spaces. Two servers that freeze the same
// plan get the same bytes, so the same hash, whatever order their keys were written in.
import { createHash } from 'node:crypto';

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([key, entry]) => [key, sortedDeep(entry)]),
  );
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedDeep(value));
}

/** SHA-256 of the canonical JSON, hex. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
