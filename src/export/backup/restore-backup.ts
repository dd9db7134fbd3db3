// Restores a backup file into the store, whole or not at all: a first pass reads every line and checks it (the
// header, each record against its namespace's schema, the end line and its count) before anything is written, so
// a malformed, corrupted or truncated file leaves the target as it was and the error names the line and field.
// Only then is the file read again and written, record by record by key, leaving out what /forget-me tombstones
// (in the file or already in the target) cover. Each pass streams, so memory stays flat however large the file.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ratingsMarker } from '../../records/comparisons/ratings-marker.ts';
import { createCountRecords } from '../../records/counting/count-records.ts';
import { formatIssues } from '../../base/format-issue.ts';
import { STORE_LAYOUT_VERSION } from '../../records/migrations/migrate-store.ts';
import type { Store } from '../../store/open-store.ts';
import { FORGOTTEN_USERS_NAMESPACE, TombstoneSchema } from '../../records/votes/forgotten-users.ts';
import {
  BACKUP_VERSION,
  BackupEndSchema,
  BackupHeaderSchema,
  BackupRecordSchema,
  type BackupHeader,
  type BackupRecord,
} from './backup-format.ts';
import { forgottenComparisonOf, honourTombstones, type Forgotten } from './honour-tombstones.ts';
import { RECORD_SCHEMAS } from './record-schemas.ts';
import { isBackedUp, type BackupSummary } from './write-backup.ts';

const BATCH_SIZE = 500;
// Written by every process that opens the store (the restore tool too), so it does not make a store non-empty.
const OPENING_NAMESPACES: ReadonlySet<string> = new Set(['store-meta']);

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** The target already holds data and the caller did not ask to restore over it. */
export class RestoreTargetNotEmptyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreTargetNotEmptyError';
  }
}

export interface RestoreOptions {
  /** Restore into a store that already holds data: records with the same key are replaced, the others stay. */
  intoNonEmpty?: boolean;
}

export interface RestoreSummary extends BackupSummary {
  header: BackupHeader;
  /** Records left out because /forget-me tombstones cover them. */
  forgotten: number;
}

function parseJson(file: string, number: number, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackupFileError(`${file}: line ${number} is not JSON (the file is corrupted or was cut short there)`);
  }
}

function check<T>(file: string, number: number, data: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new BackupFileError(formatIssues(`${file}: line ${number}`, parsed.error, data).join('; '));
  return parsed.data;
}

const parseLine = <T>(file: string, number: number, text: string, schema: z.ZodType<T>): T =>
  check(file, number, parseJson(file, number, text), schema);

function checkHeader(file: string, header: BackupHeader): void {
  if (header.version > BACKUP_VERSION) {
    throw new BackupFileError(
      `${file} is a version ${header.version} backup, made by a newer release of Dialog Lab (this one reads version ${BACKUP_VERSION}). Restore it with that release or a newer one.`,
    );
  }
  if (header.layout > STORE_LAYOUT_VERSION) {
    throw new BackupFileError(
      `${file} holds store layout ${header.layout}, newer than this release reads (${STORE_LAYOUT_VERSION}). Restore it with the release that made it.`,
    );
  }
}

/** Parses one record line: the line's own shape, then its value with the namespace's schema (errors say `value.…`). */
function parseRecord(file: string, number: number, text: string): BackupRecord {
  const data = parseJson(file, number, text);
  const record = check(file, number, data, BackupRecordSchema);
  const schema = RECORD_SCHEMAS[record.namespace];
  if (schema === undefined)
    throw new BackupFileError(
      `${file}: line ${number}: namespace: "${record.namespace}" is not one this release stores`,
    );
  check(file, number, data, z.object({ value: schema }));
  return record;
}

/**
 * Reads the whole file, checking every line, and hands each record to `visit` in file order. Throws a
 * BackupFileError naming the line (and the field) at the first fault, or when the file has no end line.
 */
async function readBackup(file: string, visit: (record: BackupRecord) => void | Promise<void>): Promise<BackupHeader> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  let header: BackupHeader | undefined;
  let ended = false;
  let read = 0;
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
      if (end.records !== read)
        throw new BackupFileError(
          `${file}: the end line (line ${number}) counts ${end.records} records, but ${read} were read`,
        );
      ended = true;
      continue;
    }
    const record = parseRecord(file, number, text);
    read += 1;
    await visit(record);
  }
  if (header === undefined) throw new BackupFileError(`${file} is empty: a backup starts with a header line`);
  if (!ended)
    throw new BackupFileError(
      `${file} has no end line after line ${number}: the file was cut short. Nothing was restored; restore a complete backup.`,
    );
  return header;
}

/** Namespaces of the target that hold at least one record a backup would carry. */
async function namespacesWithData(store: Store): Promise<string[]> {
  const found: string[] = [];
  for (const name of (await store.namespaceNames()).sort()) {
    if (!isBackedUp(name) || OPENING_NAMESPACES.has(name)) continue;
    for await (const _entry of store.namespace(name, z.unknown()).rawEntries()) {
      found.push(name);
      break;
    }
  }
  return found;
}

export async function restoreBackup(store: Store, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  if (!options.intoNonEmpty) {
    const holding = await namespacesWithData(store);
    if (holding.length > 0) {
      throw new RestoreTargetNotEmptyError(
        `the ${store.backend} store at ${store.location} already holds data (${holding.join(', ')}). Restore into an empty store, or pass --into-nonempty to write the backup over it (records with the same key are replaced, all others stay).`,
      );
    }
  }
  // Pass 1: check every line; note the tombstones the file carries.
  const users = new Map<string, Date>();
  const noteTombstone = (userHash: string, forgottenAt: string) => {
    const at = new Date(forgottenAt);
    if ((users.get(userHash)?.getTime() ?? -Infinity) < at.getTime()) users.set(userHash, at);
  };
  const header = await readBackup(file, (record) => {
    if (record.namespace === FORGOTTEN_USERS_NAMESPACE)
      noteTombstone(record.key, TombstoneSchema.parse(record.value).forgottenAt);
  });
  for await (const [userHash, tombstone] of store.namespace(FORGOTTEN_USERS_NAMESPACE, TombstoneSchema).entries())
    noteTombstone(userHash, tombstone.forgottenAt);
  // Pass 2, only when someone was forgotten: which comparisons' prompts those users wrote before their tombstone.
  const comparisons = new Set<string>();
  if (users.size > 0) {
    await readBackup(file, (record) => {
      const id = forgottenComparisonOf(record.namespace, record.value, users);
      if (id !== undefined) comparisons.add(id);
    });
  }
  const forgotten: Forgotten = { users, comparisons };

  // Pass 3: write. Consecutive records of one namespace go together: a backup lists each namespace's keys in a run.
  const summary: RestoreSummary = { records: 0, perNamespace: {}, header, forgotten: 0 };
  let batch: { namespace: string; entries: Array<{ key: string; value: unknown; ttlMs: number | undefined }> } = {
    namespace: '',
    entries: [],
  };
  const flush = async () => {
    if (batch.entries.length === 0) return;
    await store.namespace(batch.namespace, z.unknown()).setMany(batch.entries);
    summary.records += batch.entries.length;
    summary.perNamespace[batch.namespace] = (summary.perNamespace[batch.namespace] ?? 0) + batch.entries.length;
    batch = { namespace: '', entries: [] };
  };
  await readBackup(file, async (record) => {
    const ttlMs = record.expires === null ? undefined : record.expires - Date.now();
    if (ttlMs !== undefined && ttlMs <= 0) return; // expired since the backup was made
    const value =
      users.size === 0 ? record.value : honourTombstones(record.namespace, record.key, record.value, forgotten);
    if (value === undefined) {
      summary.forgotten += 1;
      return;
    }
    if (batch.namespace !== record.namespace || batch.entries.length === BATCH_SIZE) await flush();
    batch.namespace = record.namespace;
    batch.entries.push({ key: record.key, value, ttlMs });
  });
  await flush();
  // Boards and count records from before the restore (derived data, never backed up) no longer match what is
  // stored: the records are rebuilt by the next count.
  if (summary.records > 0) {
    await createCountRecords(store).clear();
    await ratingsMarker(store).touch();
  }
  return summary;
}
