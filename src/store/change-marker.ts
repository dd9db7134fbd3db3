// A marker that changes on every write to the namespaces it watches, so derived data (a computed leaderboard)
// can tell whether it is still current without reading what it was derived from. Each write stores a fresh
// random token, so whichever of several concurrent writers lands last, the token differs from any read before
// that write: derived data that recorded the token it started from is never taken as current when a write it
// missed happened (it may be recomputed once more than needed, never served stale as fresh).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from './open-store.ts';
import type { StoreNamespace } from './store-namespace.ts';

export const CHANGE_MARKERS_NAMESPACE = 'change-markers';

const MarkerSchema = z.object({ token: z.string(), at: z.iso.datetime() });
export type ChangeMark = z.infer<typeof MarkerSchema>;

export interface ChangeMarker {
  /** The latest mark, or null when nothing was written since the store began keeping marks. */
  current(): Promise<ChangeMark | null>;
  touch(at?: Date): Promise<void>;
}

export function changeMarker(store: Store, name: string): ChangeMarker {
  const marks = store.namespace(CHANGE_MARKERS_NAMESPACE, MarkerSchema);
  return {
    current: async () => (await marks.get(name)) ?? null,
    touch: (at = new Date()) => marks.set(name, { token: randomUUID(), at: at.toISOString() }),
  };
}

/** `namespace`, with every write (set, setMany, delete, clear) touching `marker` once it is done. */
export function touchingOnWrite<Value>(namespace: StoreNamespace<Value>, marker: ChangeMarker): StoreNamespace<Value> {
  const after = async <Result>(write: Promise<Result>): Promise<Result> => {
    const result = await write;
    await marker.touch();
    return result;
  };
  return {
    ...namespace,
    set: (key, value, ttlMs) => after(namespace.set(key, value, ttlMs)),
    setMany: (entries) => after(namespace.setMany(entries)),
    delete: (key) => after(namespace.delete(key)),
    clear: () => after(namespace.clear()),
  };
}
