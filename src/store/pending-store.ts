// Stands in for a store that could not be reached at start: every call fails at once as unavailable (so commands say
// so, votes go to the journal, /readyz reports it) until `attach` hands it the opened store, to which every call then
// goes. Namespaces taken before that keep working after it: they look the store up on each call.
import type { Keyv } from 'keyv';
import type { z } from 'zod';
import type { BackendKind } from './backend.ts';
import type { Store } from './open-store.ts';
import { StoreUnavailableError } from './store-unavailable.ts';
import type { StoreNamespace } from './store-namespace.ts';

export interface PendingStore extends Store {
  /** From now on every call goes to `store`. */
  attach(store: Store): void;
  /** The failure the calls report while nothing is attached: the last attempt to open the store. */
  failWith(cause: unknown): void;
}

export function createPendingStore(
  target: { backend: BackendKind; location: string; keyPrefix: string },
  cause: unknown,
): PendingStore {
  let attached: Store | undefined;
  let lastCause = cause;
  const current = (): Store => {
    if (attached === undefined) throw new StoreUnavailableError(target.backend, target.location, lastCause);
    return attached;
  };
  return {
    backend: target.backend,
    location: target.location,
    namespace<Value>(name: string, schema: z.ZodType<Value>): StoreNamespace<Value> {
      const real = () => current().namespace(name, schema);
      return {
        fullName: `${target.keyPrefix}.${name}`,
        // Looked up on each use, not when the namespace is copied ({ ...namespace } in change-marker.ts).
        keyv: new Proxy({} as Keyv, {
          get(_, property) {
            const keyv = real().keyv;
            const value: unknown = Reflect.get(keyv, property, keyv);
            return typeof value === 'function' ? value.bind(keyv) : value;
          },
        }),
        get: async (key) => real().get(key),
        getMany: async (keys) => real().getMany(keys),
        set: async (key, value, ttlMs) => real().set(key, value, ttlMs),
        setMany: async (entries) => real().setMany(entries),
        delete: async (key) => real().delete(key),
        clear: async () => real().clear(),
        async *entries(options) {
          yield* real().entries(options);
        },
        async *rawEntries() {
          yield* real().rawEntries();
        },
      };
    },
    namespaceNames: async () => current().namespaceNames(),
    scrubDeleted: async () => current().scrubDeleted(),
    close: async () => attached?.close(),
    attach(store) {
      attached = store;
    },
    failWith(next) {
      lastCause = next;
    },
  };
}
