// The PostgreSQL connection pool the store owns. @keyv/postgres would make its own, but keeps it in a module variable
// (one per process, ended by any adapter's disconnect) and attaches no 'error' listener, so a database restart
// killing an idle connection crashes the whole process.
import pg from 'pg';

export type PostgresPool = pg.Pool;

// Short, so that a store call fails (and a vote goes to the local journal, a user gets an answer) well within
// Discord's 3-second window instead of hanging on a database that does not answer.
const CONNECT_TIMEOUT_MS = 2_000;
const QUERY_TIMEOUT_MS = 5_000;
const MAX_CONNECTIONS = 10;

export function createPostgresPool(url: string): PostgresPool {
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    max: MAX_CONNECTIONS,
  });
  // An idle connection that dies is dropped by the pool and replaced on the next query; queries in flight fail
  // on their own. Nothing else is left to do with this event.
  pool.on('error', () => undefined);
  return pool;
}
