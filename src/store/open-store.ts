// Opens durable storage: SQLite in the data directory by default, Redis or PostgreSQL when a URL is given.
// Hands out schema-checked namespaces (votes, comparisons, settings...) that share one connection setup.
import { z } from 'zod';
import type { Keyv } from 'keyv';
import { type Backend, type BackendAdapter, type BackendKind, withoutPassword } from './backend.ts';
import { createNamespaceKeyv, createStoreNamespace, type StoreNamespace } from './store-namespace.ts';

// A schema, not only a type: the options also cross a thread boundary (a leaderboard count opens its own store).
export const StoreOptionsSchema = z.strictObject({
  dataDir: z.string(),
  redisUrl: z.string().optional(),
  postgresUrl: z.string().optional(),
  /** Put before every namespace so several deployments or test runs can share one database. */
  keyPrefix: z.string().optional(),
});
export type StoreOptions = z.infer<typeof StoreOptionsSchema>;

export interface Store {
  readonly backend: BackendKind;
  /** Where the data lives, for messages; never includes a password. */
  readonly location: string;
  /** The namespace `name` (lower-case words joined by dashes), its values checked with `schema` on every read. */
  namespace<Value>(name: string, schema: z.ZodType<Value>): StoreNamespace<Value>;
  /** Every namespace ever written to in this store (by any release that registers them), for backups. */
  namespaceNames(): Promise<string[]>;
  /**
   * Clears from the disk what deleted and overwritten values leave behind (SQLite: old page copies in its
   * write-ahead log, and once, pages freed before deletions overwrote them); Redis and PostgreSQL do this themselves.
   */
  scrubDeleted(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_KEY_PREFIX = 'dialog-lab';
/** Where each namespace is registered the first time a process writes to it, so a backup finds them all. */
export const NAMESPACE_REGISTRY = 'store-namespaces';
// Only characters that are literal in SQL LIKE patterns and Redis SCAN globs, and no ':' (Keyv's separator).
const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkName(what: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`Store ${what} "${name}" must be lower-case letters, digits and dashes`);
}

/** Which kind of store the options name and where it is (for messages, before it is opened; never a password). */
export function storeTarget(options: StoreOptions): { backend: BackendKind; location: string; keyPrefix: string } {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (options.redisUrl) return { backend: 'redis', location: withoutPassword(options.redisUrl), keyPrefix };
  if (options.postgresUrl) return { backend: 'postgres', location: withoutPassword(options.postgresUrl), keyPrefix };
  return { backend: 'sqlite', location: options.dataDir, keyPrefix };
}

async function openBackend(options: StoreOptions): Promise<Backend> {
  if (options.redisUrl && options.postgresUrl) {
    throw new Error('Both a Redis URL and a PostgreSQL URL are set: keep the one the store should use');
  }
  // Each driver is loaded only when its store is opened: the Redis client alone is hundreds of modules, which every
  // counting worker (a fresh thread per count) would otherwise load again.
  if (options.redisUrl) return (await import('./redis-backend.ts')).openRedisBackend(options.redisUrl);
  if (options.postgresUrl) return (await import('./postgres-backend.ts')).openPostgresBackend(options.postgresUrl);
  return (await import('./sqlite-backend.ts')).openSqliteBackend(options.dataDir);
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  checkName('key prefix', keyPrefix);
  const backend = await openBackend(options);
  // One adapter (one connection on SQLite) per namespace: Keyv keeps the namespace on the adapter it is given.
  const opened = new Map<string, { keyv: Keyv; scan: BackendAdapter['scan'] }>();
  const registered = new Map<string, Promise<void>>();
  let closed = false;
  const store: Store = {
    backend: backend.kind,
    location: backend.location,
    namespace<Value>(name: string, schema: z.ZodType<Value>) {
      if (closed) throw new Error(`The ${backend.kind} store at ${backend.location} is closed`);
      checkName('namespace', name);
      const fullName = `${keyPrefix}.${name}`;
      let handle = opened.get(name);
      if (handle === undefined) {
        const { adapter, scan } = backend.createAdapter();
        handle = { keyv: createNamespaceKeyv(fullName, backend, adapter), scan };
        opened.set(name, handle);
      }
      const namespace = createStoreNamespace(fullName, schema, handle.keyv, handle.scan);
      if (name === NAMESPACE_REGISTRY) return namespace;
      const register = () => {
        let done = registered.get(name);
        if (done === undefined) {
          done = store.namespace(NAMESPACE_REGISTRY, z.literal(true)).set(name, true);
          // A failed registration is tried again on the next write, which fails the same way and says why.
          done.catch(() => registered.delete(name));
          registered.set(name, done);
        }
        return done;
      };
      const registering: StoreNamespace<Value> = {
        ...namespace,
        async set(key: string, value: Value, ttlMs?: number) {
          await register();
          await namespace.set(key, value, ttlMs);
        },
        async setMany(entries) {
          await register();
          await namespace.setMany(entries);
        },
      };
      return registering;
    },
    async namespaceNames() {
      const names: string[] = [];
      for await (const [name] of store.namespace(NAMESPACE_REGISTRY, z.literal(true)).entries()) names.push(name);
      return names;
    },
    scrubDeleted: () => backend.scrubDeleted(),
    async close() {
      if (closed) return;
      closed = true;
      await backend.close();
    },
  };
  return store;
}
