// Opens the bot's store and brings it up to date (migrations, then `whenUp`: salt, lease...). When the store cannot
// be reached at start the bot runs without it: a stand-in answers every call as unavailable while opening is tried
// again in the background; once it opens, the same bring-up runs and the stand-in passes calls on. Logged once
// when the outage is found and once when the store is up.
import type { Logger } from '../base/logger.ts';
import { createPendingStore } from '../store/pending-store.ts';
import { type Store, type StoreOptions, storeTarget } from '../store/open-store.ts';
import { isStoreUnavailable, unavailableCause } from '../store/store-unavailable.ts';
import { openData } from './open-data.ts';

const RETRY_MS = 2_000;

export interface StoreLink {
  store: Store;
  /** Resolves once the store is open and brought up (at once when it was reachable at start). */
  up: Promise<void>;
  /** Stops trying to open the store and closes it if open. */
  close(): Promise<void>;
}

export interface LinkOptions {
  log: Pick<Logger, 'info' | 'warn'>;
  /** Work that needs the opened store before anything may use it; its failure counts like the store's. */
  whenUp(store: Store): Promise<void>;
  /** A later attempt failed for another reason than reachability (a store of a newer release...). */
  onFatal(error: unknown): void;
}

export async function linkStore(options: StoreOptions, link: LinkOptions): Promise<StoreLink> {
  const open = async () => {
    const { store } = await openData(options, link.log);
    try {
      await link.whenUp(store);
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  };
  const first = await open().catch((error: unknown) => {
    if (isStoreUnavailable(error)) return { unavailable: error };
    throw error;
  });
  if (!('unavailable' in first)) return { store: first, up: Promise.resolve(), close: () => first.close() };

  const target = storeTarget(options);
  link.log.warn(
    `store unavailable at start (${unavailableCause(first.unavailable)}); running without it: commands that need it say so, votes are journaled; trying again every ${RETRY_MS / 1000} s`,
  );
  const pending = createPendingStore(target, first.unavailable);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const attached = (async (): Promise<boolean> => {
    while (!closed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, RETRY_MS);
      });
      if (closed) break;
      try {
        const store = await open();
        // Closed while opening: nothing may use the store any more.
        if (closed) {
          await store.close();
          return false;
        }
        pending.attach(store);
        link.log.info(`store is up: ${store.backend} at ${store.location}; the bot is fully running`);
        return true;
      } catch (error) {
        if (!isStoreUnavailable(error)) {
          link.onFatal(error);
          return false;
        }
        pending.failWith(error);
      }
    }
    return false;
  })();
  return {
    store: pending,
    // Never resolves when the store was not opened, so nothing waiting on it starts.
    up: attached.then((ok) => (ok ? undefined : new Promise<void>(() => {}))),
    async close() {
      closed = true;
      clearTimeout(timer);
      wake?.();
      await attached;
      await pending.close();
    },
  };
}
