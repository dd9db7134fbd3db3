// Restores a backup file into the store the settings name, line by line: the header is checked first (a file of
// another format or of a newer version is refused before anything is written), then each record is set by its
// key, so restoring the same file twice leaves the store as once. A file without its end line was cut short:
// what it held is restored, and the restore says so and fails.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ratingsMarker } from '../comparisons/ratings-marker.js';
import { formatIssues } from '../catalog/format-issue.js';
import { STORE_LAYOUT_VERSION } from '../migrations/migrate-store.js';
import type { Store } from '../store/open-store.js';
import { BACKUP_VERSION, BackupEndSchema, BackupHeaderSchema, BackupRecordSchema, type BackupHeader } from './backup-format.js';
import type { BackupSummary } from './write-backup.js';

const BATCH_SIZE = 500;

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

function parseLine<T>(file: string, number: number, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BackupFileError(`${file}: line ${number} is not JSON`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new BackupFileError(formatIssues(`${file}: line ${number}`, parsed.error, data).join('; '));
  return parsed.data;
}

function checkHeader(file: string, header: BackupHeader): void {
  if (header.version > BACKUP_VERSION) {
    throw new BackupFileError(`${file} is a version ${header.version} backup, made by a newer release of Dialog Lab (this one reads version ${BACKUP_VERSION}). Restore it with that release or a newer one.`);
  }
  if (header.layout > STORE_LAYOUT_VERSION) {
    throw new BackupFileError(`${file} holds store layout ${header.layout}, newer than this release reads (${STORE_LAYOUT_VERSION}). Restore it with the release that made it.`);
  }
}

export async function restoreBackup(store: Store, file: string): Promise<BackupSummary & { header: BackupHeader }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  let header: BackupHeader | undefined;
  let ended = false;
  let read = 0;
  const summary: BackupSummary = { records: 0, perNamespace: {} };
  // Consecutive records of one namespace are written together: a backup lists each namespace's keys in a run.
  let batch: { namespace: string; entries: Array<{ key: string; value: unknown; ttlMs: number | undefined }> } = { namespace: '', entries: [] };
  const flush = async () => {
    if (batch.entries.length === 0) return;
    await store.namespace(batch.namespace, z.unknown()).setMany(batch.entries);
    summary.records += batch.entries.length;
    summary.perNamespace[batch.namespace] = (summary.perNamespace[batch.namespace] ?? 0) + batch.entries.length;
    batch = { namespace: '', entries: [] };
  };
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    if (header === undefined) {
      header = parseLine(file, number, text, BackupHeaderSchema);
      checkHeader(file, header);
      continue;
    }
    if (ended) throw new BackupFileError(`${file}: line ${number} comes after the end line`);
    if (text.startsWith('{"end"')) {
      const end = parseLine(file, number, text, BackupEndSchema);
      if (end.records !== read) throw new BackupFileError(`${file}: the end line counts ${end.records} records, but ${read} were read`);
      await flush();
      ended = true;
      continue;
    }
    const record = parseLine(file, number, text, BackupRecordSchema);
    read += 1;
    const ttlMs = record.expires === null ? undefined : record.expires - Date.now();
    if (ttlMs !== undefined && ttlMs <= 0) continue; // expired since the backup was made
    if (batch.namespace !== record.namespace || batch.entries.length === BATCH_SIZE) await flush();
    batch.namespace = record.namespace;
    batch.entries.push({ key: record.key, value: record.value, ttlMs });
  }
  await flush();
  // Boards counted before the restore (derived data, never backed up) no longer match what is stored.
  if (summary.records > 0) await ratingsMarker(store).touch();
  if (header === undefined) throw new BackupFileError(`${file} is empty: a backup starts with a header line`);
  if (!ended) throw new BackupFileError(`${file} has no end line: the file was cut short. ${summary.records} record(s) before the cut were restored; restore a complete backup.`);
  return { ...summary, header };
}
