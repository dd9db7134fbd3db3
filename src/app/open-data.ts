// Opens the store and brings it up to date: what the bot, the export and backup tools and the benchmarks all
// need before they read comparisons or votes.
import { createComparisonStore, type ComparisonStore } from '../records/comparisons/comparison-store.ts';
import type { Logger } from '../base/logger.ts';
import { migrateStore } from '../records/migrations/migrate-store.ts';
import type { StorageSettings } from '../config/env.ts';
import { openStore, type Store, type StoreOptions } from '../store/open-store.ts';
import { createVoteLedger, type VoteLedger, type VoteLedgerOptions } from '../records/votes/vote-ledger.ts';

export interface OpenedData {
  store: Store;
  comparisons: ComparisonStore;
  votes: VoteLedger;
}

/** The store the settings name: the SQLite file in DATA_DIR, or Redis / PostgreSQL, under STORE_KEY_PREFIX. */
export function storeOptionsFrom(
  settings: Pick<StorageSettings, 'DATA_DIR' | 'REDIS_URL' | 'POSTGRES_URL' | 'STORE_KEY_PREFIX'>,
): StoreOptions {
  return {
    dataDir: settings.DATA_DIR,
    redisUrl: settings.REDIS_URL,
    postgresUrl: settings.POSTGRES_URL,
    keyPrefix: settings.STORE_KEY_PREFIX,
  };
}

export async function openData(
  options: StoreOptions,
  log: Pick<Logger, 'info' | 'warn'>,
  ledger: VoteLedgerOptions = {},
): Promise<OpenedData> {
  const store = await openStore(options);
  try {
    const comparisons = createComparisonStore(store);
    const outcome = await migrateStore(store, comparisons);
    if (outcome.migratedComparisons > 0)
      log.info(
        `store: moved ${outcome.migratedComparisons} comparison(s) to layout ${outcome.to} (ballots, texts and traces apart)`,
      );
    if (outcome.unreadable.length > 0)
      log.warn(
        `store: ${outcome.unreadable.length} old comparison record(s) could not be read and were left as they are: ${outcome.unreadable.slice(0, 5).join(', ')}`,
      );
    return { store, comparisons, votes: createVoteLedger(store, ledger) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
