// What open-store needs from each kind of database: Keyv adapters, a prefix scan over stored keys, and close.
import type { KeyvStoreAdapter } from 'keyv';

export type BackendKind = 'sqlite' | 'redis' | 'postgres';

export interface BackendAdapter {
  adapter: KeyvStoreAdapter;
  /**
   * Entries whose stored key starts with `${scope}:` (and sorts after the stored key `after`, when given), in
   * ascending UTF-8 byte order, each key without that prefix, values still serialized. Byte order is JavaScript's
   * `<` on strings for every key without characters beyond U+FFFF. Each key comes once. Given a page at a time, so
   * that a listing of 100 000 entries costs 100 awaits, not 100 000 per layer.
   */
  scan(scope: string, after?: string): AsyncIterable<Array<[key: string, raw: string]>>;
}

/** The smallest string above every key that starts with `${scope}:`: ';' is the character after ':'. */
export const scopeEnd = (scope: string) => `${scope};`;

export interface Backend {
  readonly kind: BackendKind;
  /** Where the data lives, for messages; never includes a password. */
  readonly location: string;
  /** Keyv adds `namespace:` to keys itself, except on Redis, whose adapter does it (with ':' as separator). */
  readonly useKeyPrefix: boolean;
  createAdapter(): BackendAdapter;
  /** Clears from the disk what deleted and overwritten values leave behind, where the store keeps such copies itself. */
  scrubDeleted(): Promise<void>;
  close(): Promise<void>;
}

/** The message for a store that cannot be reached or opened, with the cause's own words. */
export class StoreOpenError extends Error {
  constructor(kind: BackendKind, location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not open the ${kind} store at ${location}: ${reason}`, { cause });
    this.name = 'StoreOpenError';
  }
}

/** A URL fit for messages and logs: the password, if any, is replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** One page of a listing, and the key the next page starts after (none at the end). */
export interface Page<Entry> {
  entries: Entry[];
  resume: string | undefined;
}

/**
 * The pages of a listing, each one asked for as soon as the key it starts after is known, before the page before it
 * is handed on: the database works while the reader decodes, instead of each waiting on the other.
 * `fetchPage(undefined)` reads the first page.
 */
export async function* readAhead<Entry>(
  fetchPage: (resume: string | undefined) => Promise<Page<Entry>>,
): AsyncGenerator<Entry[], void> {
  let pending: Promise<Page<Entry>> | undefined = fetchPage(undefined);
  try {
    while (pending !== undefined) {
      const page: Page<Entry> = await pending;
      pending = page.resume === undefined ? undefined : fetchPage(page.resume);
      if (page.entries.length > 0) yield page.entries;
    }
  } finally {
    // A reader that stopped early does not want the page read ahead, nor to hear that reading it failed.
    pending?.catch(() => undefined);
  }
}
