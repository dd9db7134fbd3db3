// PostgreSQL through @keyv/postgres, over a connection pool this store owns (see postgres-pool.ts for why).
import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { StoreOpenError, readAhead, scopeEnd, withoutPassword, type Backend, type BackendAdapter } from './backend.ts';
import { createPostgresPool, type PostgresPool } from './postgres-pool.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

// Rows per round trip of a listing; past about a thousand, larger pages stop paying (see bench/store-scan.bench.ts).
const PAGE_SIZE = 1_000;
// Keys compared as bytes. The primary key follows the database's collation, and under en_US.UTF-8 or ICU ':' and
// '.' are nearly ignored, so `key >= 'a:' AND key < 'a;'` neither matches a prefix nor can use that index.
const BYTES = 'key COLLATE "C"';
// SQLSTATE codes of a server that is going away or cannot take the connection: class 08, shutdowns, too many clients.
const CONNECTION_STATES = /^(08|57P0[123]|53300)/;
// Concurrent CREATE INDEX IF NOT EXISTS can still collide on the catalog; the other process made the index then.
const ALREADY_CREATED = new Set(['23505', '42P07']);

interface Row {
  key: string;
  value: string;
}

/** One page of a listing: keys from `from` up to `high` (excluded), in byte order. The bench EXPLAINs it too. */
export function scanPageQuery(table: string, start: { from: string; inclusive: boolean }, high: string | null) {
  const bounds = [`${BYTES} ${start.inclusive ? '>=' : '>'} $1`, ...(high === null ? [] : [`${BYTES} < $3`])];
  return {
    text: `SELECT key, value FROM ${table} WHERE ${bounds.join(' AND ')} ORDER BY ${BYTES} LIMIT $2`,
    values: [start.from, PAGE_SIZE, ...(high === null ? [] : [high])],
  };
}

/**
 * pg reports a lost or refused connection as a plain Error ("Connection terminated unexpectedly", a connect or
 * query timeout) or a socket error; answers from the server are DatabaseErrors. Those with a connection state, and
 * everything that is neither a server answer nor a programming error, mean the database could not be reached.
 */
function asUnavailable(location: string, error: unknown): unknown {
  if (error instanceof pg.DatabaseError)
    return CONNECTION_STATES.test(error.code ?? '') ? new StoreUnavailableError('postgres', location, error) : error;
  if (error instanceof TypeError || error instanceof RangeError) return error;
  return new StoreUnavailableError('postgres', location, error);
}

function adapterClassOver(pool: PostgresPool, location: string) {
  let scanIndex: Promise<void> | undefined;
  return class PooledPostgres extends KeyvPostgres {
    override async connect() {
      return async (sql: string, values?: unknown[]) => {
        try {
          return (await pool.query(sql, values)).rows;
        } catch (error) {
          throw asUnavailable(location, error);
        }
      };
    }

    // The pool belongs to the backend, which ends it once when the store closes.
    override async disconnect() {}

    /** The index that serves listings in byte order, made once per process on the first listing. */
    private ensureScanIndex(table: string): Promise<void> {
      scanIndex ??= this.query(
        `CREATE INDEX IF NOT EXISTS ${this.opts.table ?? 'keyv'}_key_bytes ON ${table} ((${BYTES}))`,
      ).then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof Error && 'code' in error && ALREADY_CREATED.has(String(error.code))) return;
          scanIndex = undefined;
          throw error;
        },
      );
      return scanIndex;
    }

    /** Rows whose key starts with `${scope}:` and sorts after `start`, a page at a time, in byte order. Unlike the
     * stock iterator, which reports a failed page as an 'error' event and then ends quietly (a listing would look
     * complete when it is not), this lets the failure through. */
    async *pages(scope?: string, start?: string): AsyncGenerator<Row[], void> {
      const table = `${this.opts.schema ?? 'public'}.${this.opts.table ?? 'keyv'}`;
      await this.ensureScanIndex(table);
      const low = scope === undefined ? '' : `${scope}:`;
      const high = scope === undefined ? null : scopeEnd(scope);
      const first = start !== undefined && start >= low ? start : undefined;
      yield* readAhead(async (resume = first) => {
        const page = scanPageQuery(
          table,
          resume === undefined ? { from: low, inclusive: true } : { from: resume, inclusive: false },
          high,
        );
        const rows = (await this.query(page.text, page.values)) as Row[];
        return { entries: rows, resume: rows.length < PAGE_SIZE ? undefined : rows.at(-1)!.key };
      });
    }

    override async *iterator(scope?: string): AsyncGenerator<[string, string], void> {
      for await (const rows of this.pages(scope)) for (const row of rows) yield [row.key, row.value];
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
  const PooledPostgres = adapterClassOver(pool, location);
  return {
    kind: 'postgres',
    location,
    useKeyPrefix: true,
    createAdapter(): BackendAdapter {
      const adapter = new PooledPostgres({ uri: url });
      return {
        adapter,
        async *scan(scope, after) {
          const prefixLength = scope.length + 1;
          for await (const rows of adapter.pages(scope, after))
            yield rows.map((row) => [row.key.slice(prefixLength), row.value]);
        },
      };
    },
    // PostgreSQL reclaims deleted rows with its own (auto)vacuum; the server's operator decides when.
    scrubDeleted: async () => undefined,
    close: () => pool.end(),
  };
}
