// What open-store needs from each kind of database: Keyv adapters, a prefix scan over stored keys, and close.
import type { KeyvStoreAdapter } from 'keyv';

export type BackendKind = 'sqlite' | 'redis' | 'postgres';

export interface BackendAdapter {
  adapter: KeyvStoreAdapter;
  /**
   * Entries whose stored key starts with `${scope}:` (and sorts after the stored key `after`, when given), in
   * ascending UTF-8 byte order, each key without that prefix, values still serialized. Byte order is JavaScript's
   * `<` on strings for every key without characters beyond U+FFFF. Each key comes once.
   */
  scan(scope: string, after?: string): AsyncIterable<[key: string, raw: string]>;
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
