// PostgreSQL through @keyv/postgres, over a connection pool this store owns (see postgres-pool.ts for why).
import KeyvPostgres from '@keyv/postgres';
import { StoreOpenError, withoutPassword, type Backend, type BackendAdapter } from './backend.js';
import { createPostgresPool, type PostgresPool } from './postgres-pool.js';

const PAGE_SIZE = 500;

interface Row {
  key: string;
  value: string;
}

function adapterClassOver(pool: PostgresPool) {
  return class PooledPostgres extends KeyvPostgres {
    override async connect() {
      return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
    }

    // The pool belongs to the backend, which ends it once when the store closes.
    override async disconnect() {}

    /** The stock iterator reports a failed page as an 'error' event and then ends quietly, so a listing would look
     * complete when it is not. This one lets the failure through, and matches the prefix exactly. */
    override async *iterator(scope?: string): AsyncGenerator<[string, string], void> {
      const prefix = scope === undefined ? '' : `${scope}:`;
      let after: string | null = null;
      for (;;) {
        const rows = (await this.query(
          `SELECT key, value FROM ${this.opts.schema ?? 'public'}.${this.opts.table ?? 'keyv'}
           WHERE starts_with(key, $1) AND ($2::text IS NULL OR key > $2) ORDER BY key LIMIT $3`,
          [prefix, after, PAGE_SIZE],
        )) as Row[];
        for (const row of rows) yield [row.key, row.value];
        const last = rows.at(-1);
        if (last === undefined || rows.length < PAGE_SIZE) return;
        after = last.key;
      }
    }
  };
}

export async function openPostgresBackend(url: string): Promise<Backend> {
  const location = withoutPassword(url);
  const pool = createPostgresPool(url);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new StoreOpenError('postgres', location, error);
  }
  const PooledPostgres = adapterClassOver(pool);
  return {
    kind: 'postgres',
    location,
    useKeyPrefix: true,
    createAdapter(): BackendAdapter {
      const adapter = new PooledPostgres({ uri: url });
      return {
        adapter,
        async *scan(scope) {
          const prefixLength = scope.length + 1;
          for await (const [key, raw] of adapter.iterator(scope)) yield [key.slice(prefixLength), raw];
        },
      };
    },
    close: () => pool.end(),
  };
}
