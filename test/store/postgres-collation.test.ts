// Listings on PostgreSQL keep byte order and exact prefixes whatever the database's collation: here an ICU en-US
// database, where ':', '.', '-' and '_' are nearly ignored and case barely counts, as on many installs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { z } from 'zod';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { scanPageQuery } from '../../src/store/postgres-backend.ts';

const BASE_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const DATABASE = 'dialog_lab_test_en_us';

/** Makes the en-US database once per server; a concurrent run making it at the same moment is fine. */
async function ensureEnglishDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) {
      await client
        .query(
          `CREATE DATABASE ${DATABASE} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
        )
        .catch((error: unknown) => {
          if (!(error instanceof Error && 'code' in error && ['42P04', '23505'].includes(String(error.code))))
            throw error;
        });
    }
  } finally {
    await client.end();
  }
  const url = new URL(BASE_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

describe('PostgreSQL listings under an en-US collation', () => {
  let store: Store;
  let url = '';
  beforeAll(async () => {
    url = await ensureEnglishDatabase();
    store = await openStore({ dataDir: '', postgresUrl: url, keyPrefix: `test-${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await store.namespace('things', z.unknown()).clear();
    await store.close();
  });

  it('lists keys in byte order, exactly under a prefix, and resumes after a key', async () => {
    const things = store.namespace('things', z.number());
    const keys = [
      'c1:v2',
      'c1:v10',
      'c1.x',
      'c1-x',
      'C1:v1',
      'c1:V1',
      'c10:v1',
      'c1_x',
      'c1',
      'c1:é',
      'c1:e',
      'c1x',
      'c1;',
    ];
    for (const [index, key] of keys.entries()) await things.set(key, index);
    const list = async (options?: { under?: string; after?: string }) => {
      const listed: string[] = [];
      for await (const [key] of things.entries(options)) listed.push(key);
      return listed;
    };
    expect(await list()).toEqual([...keys].sort((left, right) => (left < right ? -1 : 1)));
    expect(await list({ under: 'c1' })).toEqual(['c1:V1', 'c1:e', 'c1:v10', 'c1:v2', 'c1:é']);
    expect(await list({ under: 'c1', after: 'c1:e' })).toEqual(['c1:v10', 'c1:v2', 'c1:é']);
  });

  it('reads a page of a listing through an index range, which the en-US primary key cannot serve', async () => {
    const things = store.namespace('things', z.number());
    await things.entries().next(); // the first listing makes the index
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A few rows make a sequential scan cheapest; forbidding it shows whether an index can serve the range at all.
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const page = scanPageQuery(
        'public.keyv',
        { from: `${things.fullName}:`, inclusive: true },
        `${things.fullName};`,
      );
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${page.text}`, page.values);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(
        /Index Scan using keyv_key_bytes.*\n.*Index Cond/,
      );
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
