// `npm run backup` and `npm run restore` as an operator runs them: real processes with only the storage
// settings, moving a server's data from its SQLite file to PostgreSQL, as the README describes, and refusing a
// faulty file or a store that holds data without changing anything.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openData } from '../../src/app/open-data.ts';
import { openStore } from '../../src/store/open-store.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { runCli } from '../fixtures/run-cli.ts';

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const quiet = { info: () => {}, warn: () => {} };
let workDir: string;
let prefix: string;

const cli = (script: 'backup' | 'restore', args: string[], env: Record<string, string>) =>
  runCli(script, args, { env, cwd: workDir });

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cli-backup-'));
  prefix = `test-cli-${randomBytes(3).toString('hex')}`;
});
afterEach(async () => {
  const store = await openStore({ dataDir: workDir, postgresUrl, keyPrefix: prefix });
  for (const name of [...(await store.namespaceNames()), 'store-namespaces'])
    await store.namespace(name, z.unknown()).clear();
  await store.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('npm run backup and npm run restore', () => {
  it(
    'move a server from its SQLite file to PostgreSQL, and a second restore changes nothing',
    { timeout: 60_000 },
    async () => {
      const source = await openData({ dataDir: path.join(workDir, 'data') }, quiet);
      const record = aStoredComparison({ id: 'cat', status: 'done', messageId: 'message-cat' });
      record.slots[0]!.result = aResult('plain');
      await source.comparisons.save(record);
      await source.votes.applyReaction(
        {
          comparisonId: 'cat',
          voterHash: 'voter-1',
          choice: { kind: 'pick', slot: 0 },
          guildId: 'guild-1',
          afterReveal: false,
          at: new Date('2026-11-10T10:00:00Z'),
        },
        'add',
      );
      await source.store.close();

      const backup = await cli('backup', ['--out', 'backup.jsonl'], { DATA_DIR: path.join(workDir, 'data') });
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/^Wrote \d+ record\(s\) to backup\.jsonl: .*ballots 1.*votes 1/);
      const restoreEnv = {
        DATA_DIR: path.join(workDir, 'unused'),
        POSTGRES_URL: postgresUrl,
        STORE_KEY_PREFIX: prefix,
      };
      for (const flags of [[], ['--into-nonempty']]) {
        const restore = await cli('restore', ['--in', 'backup.jsonl', ...flags], restoreEnv);
        expect(restore.code).toBe(0);
        expect(restore.stdout).toContain('(sqlite): ');
      }
      const target = await openData({ dataDir: workDir, postgresUrl, keyPrefix: prefix }, quiet);
      expect((await target.comparisons.get('cat'))?.slots[0]?.result?.answer).toBe('plain: Pebble');
      expect((await target.comparisons.findByMessageId('message-cat'))?.id).toBe('cat');
      expect(await target.votes.allVotes()).toHaveLength(1);
      await target.store.close();
    },
  );

  it(
    'prints the usage for a mistake, and refuses a backup made by a newer release without a stack trace',
    { timeout: 60_000 },
    async () => {
      const unknown = await cli('backup', ['--output', 'x.jsonl'], { DATA_DIR: path.join(workDir, 'data') });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Usage: npm run backup -- --out <file.jsonl>');
      const missing = await cli('restore', [], { DATA_DIR: path.join(workDir, 'data') });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Give --in: the backup file to restore');

      await cli('backup', ['--out', 'backup.jsonl'], { DATA_DIR: path.join(workDir, 'data') });
      const lines = (await readFile(path.join(workDir, 'backup.jsonl'), 'utf8')).split('\n');
      await writeFile(
        path.join(workDir, 'newer.jsonl'),
        [JSON.stringify({ ...(JSON.parse(lines[0]!) as object), version: 9 }), ...lines.slice(1)].join('\n'),
      );
      const newer = await cli('restore', ['--in', 'newer.jsonl'], { DATA_DIR: path.join(workDir, 'other') });
      expect(newer.code).toBe(1);
      expect(newer.stderr).toContain(
        'Cannot restore: newer.jsonl is a version 9 backup, made by a newer release of Dialog Lab',
      );
      expect(newer.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it(
    'refuses a malformed record naming its line and field, and a store that holds data, leaving the store as it was',
    { timeout: 60_000 },
    async () => {
      const dataDir = path.join(workDir, 'data');
      const source = await openData({ dataDir }, quiet);
      const record = aStoredComparison({ id: 'cat', status: 'done', messageId: 'message-cat' });
      record.slots[0]!.result = aResult('plain');
      await source.comparisons.save(record);
      await source.votes.applyReaction(
        {
          comparisonId: 'cat',
          voterHash: 'voter-1',
          choice: { kind: 'pick', slot: 0 },
          guildId: 'guild-1',
          afterReveal: false,
          at: new Date('2026-11-10T10:00:00Z'),
        },
        'add',
      );
      await source.store.close();
      await cli('backup', ['--out', 'backup.jsonl'], { DATA_DIR: dataDir });
      const lines = (await readFile(path.join(workDir, 'backup.jsonl'), 'utf8')).trim().split('\n');
      const voteLine = lines.findIndex((line) => line.includes('"namespace":"votes"'));
      const vote = JSON.parse(lines[voteLine]!) as { value: { reactions: Array<{ choice: unknown }> } };
      vote.value.reactions[0]!.choice = { kind: 'pick', slot: 'A' };
      await writeFile(
        path.join(workDir, 'bad.jsonl'),
        lines.map((line, index) => (index === voteLine ? JSON.stringify(vote) : line)).join('\n'),
      );

      const emptyEnv = { DATA_DIR: path.join(workDir, 'empty') };
      const bad = await cli('restore', ['--in', 'bad.jsonl'], emptyEnv);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(
        `Cannot restore: bad.jsonl: line ${voteLine + 1}: value.reactions[0].choice.slot: must be number (got "A")`,
      );
      const empty = await openStore({ dataDir: path.join(workDir, 'empty') });
      expect(await empty.namespace('votes', z.unknown()).get('cat:voter-1')).toBeUndefined();
      expect(await empty.namespace('ballots', z.unknown()).get('cat')).toBeUndefined();
      await empty.close();

      const before = await readFile(path.join(dataDir, 'dialog-lab.sqlite'));
      const intoSource = await cli('restore', ['--in', 'backup.jsonl'], { DATA_DIR: dataDir });
      expect(intoSource.code).toBe(1);
      expect(intoSource.stderr).toContain('already holds data (ballots, comparison-messages');
      expect(intoSource.stderr).toContain('pass --into-nonempty to write the backup over it');
      expect(await readFile(path.join(dataDir, 'dialog-lab.sqlite'))).toEqual(before);
    },
  );
});
