// Backups on SQLite, Redis and PostgreSQL: a full-fidelity round trip into an empty store of any backend,
// restoring twice changes nothing, and a file of a newer version, of another format or cut short is refused.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { isBackedUp, writeBackup } from '../../src/backup/write-backup.js';
import { createComparisonStore } from '../../src/comparisons/comparison-store.js';
import { createProcessLease } from '../../src/comparisons/process-lease.js';
import { createGuildConfigService } from '../../src/guild-config/guild-config.js';
import { migrateStore } from '../../src/migrations/migrate-store.js';
import type { Store } from '../../src/store/open-store.js';
import { createVoteLedger } from '../../src/votes/vote-ledger.js';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.js';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.js';

const defaults = { defaultPipeline: 'plain', comparePipelines: ['plain'], modelOverrides: {}, comparesPerHour: 20, answersPerHour: 60, dailyCostCapUsd: 0, votesPerDay: 0, threads: false, channels: {} };

/** Everything a bot writes: comparisons (one running), votes, a reveal, settings, an expiring record. */
async function fill(store: Store): Promise<void> {
  const comparisons = createComparisonStore(store);
  await migrateStore(store, comparisons);
  for (const id of ['one', 'two']) {
    const record = aStoredComparison({ id, messageId: `message-${id}`, status: id === 'one' ? 'done' : 'running' });
    record.slots[0]!.result = aResult('plain');
    await comparisons.save(record, 'some-lease');
  }
  const votes = createVoteLedger(store);
  await votes.applyReaction({ comparisonId: 'one', voterHash: 'voter-1', choice: { kind: 'pick', slot: 0 }, guildId: 'guild-1', afterReveal: false, at: new Date('2026-11-10T10:00:00Z') }, 'add');
  await votes.applyReaction({ comparisonId: 'one', voterHash: 'voter-2', choice: { kind: 'tie' }, guildId: 'guild-1', afterReveal: false, at: new Date('2026-11-10T10:01:00Z') }, 'add');
  await votes.markRevealed('one', 'voter-2', new Date('2026-11-10T10:02:00Z'));
  await createGuildConfigService(store, defaults).update('guild-1', (current) => ({ ...current, defaultPipeline: 'cot' }));
  await store.namespace('usage-compares', z.unknown()).set('guild-1:someone', { at: ['2026-11-10T10:00:00.000Z'] }, 60 * 60 * 1000);
  const lease = createProcessLease();
  await lease.start(store);
  await lease.release();
}

/** Every record of every namespace a backup holds, as stored: what "identical" means for a restore. */
async function contents(store: Store): Promise<Record<string, Array<[string, unknown]>>> {
  const all: Record<string, Array<[string, unknown]>> = {};
  for (const name of (await store.namespaceNames()).filter(isBackedUp).sort()) {
    const entries: Array<[string, unknown]> = [];
    for await (const [key, value] of store.namespace(name, z.unknown()).rawEntries()) entries.push([key, value]);
    if (entries.length > 0) all[name] = entries.sort(([left], [right]) => (left < right ? -1 : 1));
  }
  return all;
}

describe.each(STORE_BACKENDS)('backup and restore on $name', (backend) => {
  const source = useStoreFixture(backend);
  const target = useStoreFixture(backend);

  it('restores every record into an empty store, and restoring twice changes nothing', async () => {
    const from = await source.open();
    await fill(from);
    const file = path.join(source.options().dataDir, 'backup.jsonl');
    const written = await writeBackup(from, file);
    expect(written.perNamespace).toMatchObject({ ballots: 2, 'comparison-texts': 2, 'comparison-traces': 2, 'comparisons-running': 1, 'comparison-messages': 2, votes: 2, reveals: 1, 'guild-config': 1, 'usage-compares': 1 });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'dialog-lab-backup', version: 1, layout: 2, source: { backend: backend.name } });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, records: written.records });

    const to = await target.open();
    const restored = await restoreBackup(to, file);
    expect(restored.records).toBe(written.records);
    const expected = await contents(from);
    expect(await contents(to)).toEqual(expected);
    await restoreBackup(to, file);
    expect(await contents(to)).toEqual(expected);
    expect((await createComparisonStore(to).get('one'))?.slots[0]?.result?.answer).toBe('plain: Pebble');
    expect((await createVoteLedger(to).allVotes()).map((vote) => vote.voterHash)).toEqual(['voter-1', 'voter-2']);
  });

  it('refuses a backup from a newer version or of another format before writing anything, and reports one cut short', async () => {
    const from = await source.open();
    await fill(from);
    const dir = source.options().dataDir;
    const file = path.join(dir, 'backup.jsonl');
    await writeBackup(from, file);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const to = await target.open();

    const newer = path.join(dir, 'newer.jsonl');
    await writeFile(newer, [JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)].join('\n'));
    await expect(restoreBackup(to, newer)).rejects.toThrow(`${newer} is a version 2 backup, made by a newer release of Dialog Lab (this one reads version 1). Restore it with that release or a newer one.`);
    const other = path.join(dir, 'other.jsonl');
    await writeFile(other, [JSON.stringify({ ...header, format: 'something-else' }), ...lines.slice(1)].join('\n'));
    await expect(restoreBackup(to, other)).rejects.toThrow(`${other}: line 1: format: must be one of "dialog-lab-backup" (got "something-else")`);
    expect(await contents(to)).toEqual({});

    const cut = path.join(dir, 'cut.jsonl');
    await writeFile(cut, lines.slice(0, 4).join('\n'));
    await expect(restoreBackup(to, cut)).rejects.toThrow(`${cut} has no end line: the file was cut short. 3 record(s) before the cut were restored; restore a complete backup.`);
  });
});
