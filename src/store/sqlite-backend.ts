// The default store: one SQLite file in the data directory. Several processes may share it: WAL mode lets
// readers work beside a writer, and a busy timeout makes a writer wait for the lock instead of failing.
// Deleted values are overwritten on disk (secure_delete), and the file is readable by its owner only.
import { open } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite, { type KeyvSqliteOptions } from '@keyv/sqlite';
import { StoreOpenError, readAhead, scopeEnd, type Backend, type BackendAdapter } from './backend.ts';
import { PRIVATE_FILE_MODE, makePrivateDir, makePrivateFile } from './private-files.ts';

const BUSY_TIMEOUT_MS = 15_000;
// Rows per round trip of a listing; larger pages stop paying (see bench/store-scan.bench.ts).
const PAGE_SIZE = 1_000;
// Entries per INSERT: two parameters each, under the 999 that SQLite builds before 3.32 allow.
const SET_MANY_CHUNK = 450;

interface Row {
  key: string;
  value: string;
}

/**
 * The stock iterator pages with OFFSET and no ORDER BY, so a delete during a listing can make it skip a live row,
 * and it matches with LIKE, where `_` is a wildcard and case is ignored. This one pages by key over an exact range
 * of the primary key, whose BINARY collation is byte order.
 */
class OrderedSqlite extends KeyvSqlite {
  constructor(options: KeyvSqliteOptions) {
    super(options);
    // secure_delete belongs to a connection, not to the file, and each adapter has its own connection (the
    // counting worker's too): every statement waits until this one has run. With it SQLite overwrites deleted
    // rows, and the old copy of an overwritten row, with zeros instead of leaving them in free space.
    const query = this.query;
    const secure = query('PRAGMA secure_delete = ON');
    secure.catch(() => undefined); // the same failure rejects every statement below, which reports it
    this.query = async (sql, ...parameters) => {
      await secure;
      return query(sql, ...parameters);
    };
  }

  /** Keyv would otherwise write each entry as its own statement and transaction; this writes a chunk per statement. */
  async setMany(entries: Array<{ key: string; value: string }>): Promise<void> {
    for (let start = 0; start < entries.length; start += SET_MANY_CHUNK) {
      const chunk = entries.slice(start, start + SET_MANY_CHUNK);
      await this.query(
        `INSERT INTO ${this.opts.table} (key, value) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        ...chunk.flatMap(({ key, value }) => [key, value]),
      );
    }
  }

  /** Rows whose key starts with `${scope}:` and sorts after `start`, a page at a time. */
  pages(scope?: string, start?: string): AsyncGenerator<Row[], void> {
    const low = scope === undefined ? '' : `${scope}:`;
    const high = scope === undefined ? null : scopeEnd(scope);
    const first = start !== undefined && start >= low ? start : undefined;
    return readAhead(async (resume = first) => {
      // One lower bound, so SQLite starts each page's index range at the right key: given `key >= ? AND key > ?`
      // it may start at the namespace's first key and step over every earlier page again.
      const rows = (await this.query(
        `SELECT key, value FROM ${this.opts.table} WHERE key ${resume === undefined ? '>=' : '>'} ?${high === null ? '' : ' AND key < ?'} ORDER BY key LIMIT ?`,
        [resume ?? low, ...(high === null ? [] : [high]), PAGE_SIZE],
      )) as Row[];
      return { entries: rows, resume: rows.length < PAGE_SIZE ? undefined : rows.at(-1)!.key };
    });
  }

  override async *iterator(scope?: string): AsyncGenerator<[string, string], void> {
    for await (const rows of this.pages(scope)) for (const row of rows) yield [row.key, row.value];
  }
}

function adapterFor(file: string): BackendAdapter & { adapter: OrderedSqlite } {
  const adapter = new OrderedSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS });
  return {
    adapter,
    async *scan(scope, after) {
      const prefixLength = scope.length + 1;
      for await (const rows of adapter.pages(scope, after))
        yield rows.map((row) => [row.key.slice(prefixLength), row.value]);
    },
  };
}

/**
 * Makes the store file before SQLite does, so that it is created owner-only whatever the umask: SQLite gives its
 * -wal, -shm and -journal files the mode of the database file. Files an earlier release made are narrowed too.
 */
async function preparePrivateFile(file: string): Promise<void> {
  await (await open(file, 'a', PRIVATE_FILE_MODE)).close();
  await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => makePrivateFile(`${file}${suffix}`)));
}

/**
 * What secure_delete alone leaves on disk. In WAL mode (set below) a change is written as a new copy of the whole
 * page at the end of the -wal file; the older copies, which may still hold a deleted row, stay in that file until
 * the log is started again, and SQLite reuses it from the front without shortening it, so they can outlive many
 * checkpoints. A TRUNCATE checkpoint copies the newest pages into the database and empties the log. Pages freed
 * before secure_delete was on (a file from an earlier release) keep their old bytes in the freelist and in the
 * free space of pages: VACUUM rewrites the whole file once, and user_version remembers that it was done.
 */
const SCRUBBED_VERSION = 1;

async function scrub(connection: OrderedSqlite): Promise<void> {
  const [{ user_version: version }] = (await connection.query('PRAGMA user_version')) as [{ user_version: number }];
  if (version < SCRUBBED_VERSION) {
    await connection.query('VACUUM');
    await connection.query(`PRAGMA user_version = ${SCRUBBED_VERSION}`);
  }
  // It waits (busy timeout) for readers in other processes; one still reading after that leaves the log as it is
  // (SQLite reports busy rather than failing), and the next scrub, minutes later, empties it.
  await connection.query('PRAGMA wal_checkpoint(TRUNCATE)');
}

export async function openSqliteBackend(dataDir: string): Promise<Backend> {
  const file = path.join(dataDir, 'dialog-lab.sqlite');
  const opened: OrderedSqlite[] = [];
  let first: OrderedSqlite | undefined;
  try {
    await makePrivateDir(dataDir);
    await preparePrivateFile(file);
    // WAL is a property of the file, so setting it once here covers every connection opened later.
    first = adapterFor(file).adapter;
    first.on('error', () => undefined); // the same error rejects the query below, which reports it
    opened.push(first);
    await first.query('PRAGMA journal_mode=WAL');
  } catch (error) {
    await Promise.allSettled(opened.map((adapter) => adapter.disconnect()));
    throw new StoreOpenError('sqlite', file, error);
  }
  const connection = first;
  return {
    kind: 'sqlite',
    location: file,
    useKeyPrefix: true,
    createAdapter() {
      const created = adapterFor(file);
      opened.push(created.adapter);
      return created;
    },
    scrubDeleted: () => scrub(connection),
    async close() {
      // The first connection closes last, after a checkpoint: SQLite folds the log into the database by itself only
      // at the last close of the file, and connections closing at once could each leave that to another, so the
      // file was sometimes left beside a log full of pages (old copies of deleted rows among them). The checkpoint
      // does not wait: while another process has the file open, it copies every page it can into the database and
      // leaves emptying the log to that process's own close.
      const [main, ...others] = opened.splice(0);
      await Promise.all(others.map((adapter) => adapter.disconnect()));
      if (main === undefined) return;
      await main
        .query('PRAGMA busy_timeout = 0')
        .then(() => main.query('PRAGMA wal_checkpoint(TRUNCATE)'))
        .catch(() => undefined);
      await main.disconnect();
    },
  };
}
