// Streams every record of the store into a backup file: each namespace the store has registered, key by key,
// values exactly as stored. Memory stays flat whatever the store holds. The file is readable by its owner only.
import { once } from 'node:events';
import { z } from 'zod';
import { DUTY_NAMESPACE } from '../../records/duty-lease.ts';
import { LEASE_NAMESPACE } from '../../records/comparisons/process-lease.ts';
import { STORED_LEADERBOARDS_NAMESPACE } from '../../ratings/leaderboard.ts';
import { STORE_LAYOUT_VERSION } from '../../records/migrations/migrate-store.ts';
import { CHANGE_MARKERS_NAMESPACE } from '../../store/change-marker.ts';
import {
  COUNT_RECORDS_NAMESPACE,
  COUNT_RECORDS_STATE_NAMESPACE,
  COUNT_SEGMENT_MARKS_NAMESPACE,
  COUNT_SEGMENTS_NAMESPACE,
} from '../../records/counting/count-records.ts';
import { NAMESPACE_REGISTRY, type Store } from '../../store/open-store.ts';
import { openPrivateFile } from '../../store/private-files.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupRecord } from './backup-format.ts';

/**
 * Process leases and the store-wide duty lease belong to running processes, not to the data: a restored store
 * starts with none. Stored leaderboards, count records and change marks are derived from the data: a restored
 * store rebuilds its count records at the first count and recounts its boards.
 */
const NOT_BACKED_UP: ReadonlySet<string> = new Set([
  LEASE_NAMESPACE,
  DUTY_NAMESPACE,
  NAMESPACE_REGISTRY,
  CHANGE_MARKERS_NAMESPACE,
  STORED_LEADERBOARDS_NAMESPACE,
  COUNT_RECORDS_NAMESPACE,
  COUNT_RECORDS_STATE_NAMESPACE,
  COUNT_SEGMENTS_NAMESPACE,
  COUNT_SEGMENT_MARKS_NAMESPACE,
]);

export const isBackedUp = (namespace: string): boolean => !NOT_BACKED_UP.has(namespace);

export interface BackupSummary {
  records: number;
  /** Records per namespace, for the report and for checking a restore. */
  perNamespace: Record<string, number>;
}

export async function writeBackup(store: Store, path: string, now = new Date()): Promise<BackupSummary> {
  const out = (await openPrivateFile(path, 'w')).createWriteStream();
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const summary: BackupSummary = { records: 0, perNamespace: {} };
  try {
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: now.toISOString(),
      layout: STORE_LAYOUT_VERSION,
      source: { backend: store.backend, location: store.location },
    };
    await write(header);
    for (const namespace of (await store.namespaceNames()).sort()) {
      if (!isBackedUp(namespace)) continue;
      let count = 0;
      for await (const [key, value, expires] of store.namespace(namespace, z.unknown()).rawEntries()) {
        const record: BackupRecord = { namespace, key, value, expires };
        await write(record);
        count += 1;
      }
      summary.perNamespace[namespace] = count;
      summary.records += count;
    }
    await write({ end: true, records: summary.records });
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return summary;
}
