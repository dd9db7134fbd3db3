// The PostgreSQL connection pool the store owns. @keyv/postgres would make its own, but keeps it in a module variable
// (one per process, ended by any adapter's disconnect) and attaches no 'error' listener, so a database restart
// killing an idle connection crashes the whole process. pg comes with @keyv/postgres and ships no types: the
// little of it used here is typed below.
import { createRequire } from 'node:module';

export interface PostgresPool {
  query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  on(event: 'error', listener: (error: Error) => void): void;
  end(): Promise<void>;
}

interface PgModule {
  Pool: new (config: { connectionString: string; connectionTimeoutMillis: number; max: number }) => PostgresPool;
}

const CONNECT_TIMEOUT_MS = 5_000;
const MAX_CONNECTIONS = 10;

export function createPostgresPool(url: string): PostgresPool {
  const pg = createRequire(import.meta.url)('pg') as PgModule;
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: MAX_CONNECTIONS });
  // An idle connection that dies is dropped by the pool and replaced on the next query; queries in flight fail
  // on their own. Nothing else is left to do with this event.
  pool.on('error', () => undefined);
  return pool;
}
