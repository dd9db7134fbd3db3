// The three real backends the store suites run against, and a fixture that gives each test its own key prefix
// (and SQLite directory), then deletes what the test wrote and closes every store it opened.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { z } from 'zod';
import { openStore, type Store, type StoreOptions } from '../../src/store/open-store.ts';

export interface TestBackend {
  name: 'sqlite' | 'redis' | 'postgres';
  options(dataDir: string): StoreOptions;
}

export const STORE_BACKENDS: TestBackend[] = [
  { name: 'sqlite', options: (dataDir) => ({ dataDir }) },
  {
    name: 'redis',
    options: (dataDir) => ({ dataDir, redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }),
  },
  {
    name: 'postgres',
    options: (dataDir) => ({
      dataDir,
      postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    }),
  },
];

/** Namespaces written without registering (raw Keyv writes, the registry itself); every registered one is cleaned too. */
const UNREGISTERED = ['comparisons', 'things', 'store-namespaces'];

export interface StoreFixture {
  /** Options for this test's store: same prefix and directory on every call, so a reopen sees the same data. */
  options(): StoreOptions;
  open(): Promise<Store>;
}

export function useStoreFixture(backend: TestBackend): StoreFixture {
  let dataDir = '';
  let keyPrefix = '';
  let opened: Store[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dialog-lab-store-'));
    keyPrefix = `test-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    for (const store of opened) await store.close();
    opened = [];
    if (backend.name !== 'sqlite') {
      const cleaner = await openStore({ ...backend.options(dataDir), keyPrefix });
      for (const name of new Set([...(await cleaner.namespaceNames()), ...UNREGISTERED]))
        await cleaner.namespace(name, z.unknown()).clear();
      await cleaner.close();
    }
    await rm(dataDir, { recursive: true, force: true });
  });
  const options = () => ({ ...backend.options(dataDir), keyPrefix });
  return {
    options,
    async open() {
      const store = await openStore(options());
      opened.push(store);
      return store;
    },
  };
}
