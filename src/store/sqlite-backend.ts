// The default store: one SQLite file in the data directory. Several processes may share it: WAL mode lets
// readers work beside a writer, and a busy timeout makes a writer wait for the lock instead of failing.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { StoreOpenError, readAhead, scopeEnd, type Backend, type BackendAdapter } from './backend.js';

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
      for await (const rows of adapter.pages(scope, after)) yield rows.map((row) => [row.key.slice(prefixLength), row.value]);
    },
  };
}

export async function openSqliteBackend(dataDir: string): Promise<Backend> {
  const file = path.join(dataDir, 'dialog-lab.sqlite');
  const opened: OrderedSqlite[] = [];
  try {
    await mkdir(dataDir, { recursive: true });
    // WAL is a property of the file, so setting it once here covers every connection opened later.
    const first = adapterFor(file).adapter;
    first.on('error', () => undefined); // the same error rejects the query below, which reports it
    opened.push(first);
    await first.query('PRAGMA journal_mode=WAL');
  } catch (error) {
    await Promise.allSettled(opened.map((adapter) => adapter.disconnect()));
    throw new StoreOpenError('sqlite', file, error);
  }
  return {
    kind: 'sqlite',
    location: file,
    useKeyPrefix: true,
    createAdapter() {
      const created = adapterFor(file);
      opened.push(created.adapter);
      return created;
    },
    async close() {
      await Promise.all(opened.splice(0).map((adapter) => adapter.disconnect()));
    },
  };
}
