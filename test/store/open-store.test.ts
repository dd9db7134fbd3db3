// Opening the store: clear messages when a database cannot be reached, and names that cannot collide.
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/open-store.ts';

let scratch: string | undefined;
afterEach(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('openStore', () => {
  it('creates the data directory and the SQLite file when neither exists yet', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'dialog-lab-open-'));
    const store = await openStore({ dataDir: path.join(scratch, 'nested', 'data') });
    expect(store.backend).toBe('sqlite');
    expect(store.location).toBe(path.join(scratch, 'nested', 'data', 'dialog-lab.sqlite'));
    await store.close();
  });

  it('says which SQLite file could not be opened', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'dialog-lab-open-'));
    const notADirectory = path.join(scratch, 'file');
    await writeFile(notADirectory, 'x');
    await expect(openStore({ dataDir: notADirectory })).rejects.toThrow(
      `Could not open the sqlite store at ${path.join(notADirectory, 'dialog-lab.sqlite')}:`,
    );
  });

  it('says which Redis server could not be reached', async () => {
    await expect(openStore({ dataDir: 'unused', redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /^Could not open the redis store at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });

  it('says which PostgreSQL server could not be reached, without its password', async () => {
    const failure = openStore({ dataDir: 'unused', postgresUrl: 'postgresql://postgres:hunter2@127.0.0.1:1/test' });
    await expect(failure).rejects.toThrow(
      /^Could not open the postgres store at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test: .*ECONNREFUSED/,
    );
    await expect(failure).rejects.not.toThrow('hunter2');
  });

  it('refuses to guess when both a Redis and a PostgreSQL URL are set', async () => {
    await expect(
      openStore({
        dataDir: 'unused',
        redisUrl: 'redis://127.0.0.1:6379',
        postgresUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      }),
    ).rejects.toThrow('Both a Redis URL and a PostgreSQL URL are set');
  });

  it('leaves one SQLite file that holds everything once closed, even while another process still has it open', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'dialog-lab-open-'));
    const dataDir = path.join(scratch, 'data');
    const store = await openStore({ dataDir });
    // Several namespaces, so several connections are open and close together.
    const names = ['alpha', 'beta', 'gamma'].map((name) => store.namespace(name, z.string()));
    for (const [index, namespace] of names.entries())
      for (let key = 0; key < 200; key++) await namespace.set(`key-${key}`, `value ${index}-${key}`);
    // A second shard or a CLI has the file open, so this close is not the file's last, the only one at which SQLite
    // would fold its write-ahead log into the database by itself.
    const other = await openStore({ dataDir });
    await store.close();

    // Copying the database file alone (what an operator backing up a stopped bot does) keeps every value.
    await mkdir(path.join(scratch, 'copy'));
    await copyFile(path.join(dataDir, 'dialog-lab.sqlite'), path.join(scratch, 'copy', 'dialog-lab.sqlite'));
    const copy = await openStore({ dataDir: path.join(scratch, 'copy') });
    expect(await copy.namespace('gamma', z.string()).get('key-199')).toBe('value 2-199');
    expect(await copy.namespace('alpha', z.string()).get('key-0')).toBe('value 0-0');
    await copy.close();

    // Once the last one closes, no log holding pages is left beside the file.
    await other.close();
    for (const name of (await readdir(dataDir)).filter((file) => file.endsWith('-wal')))
      expect((await stat(path.join(dataDir, name))).size, name).toBe(0);
  });

  it('refuses namespace names that could run into other keys', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'dialog-lab-open-'));
    const store = await openStore({ dataDir: scratch });
    expect(() => store.namespace('votes:old', z.unknown())).toThrow(
      'Store namespace "votes:old" must be lower-case letters, digits and dashes',
    );
    await store.close();
    expect(() => store.namespace('votes', z.unknown())).toThrow('is closed');
  });
});
