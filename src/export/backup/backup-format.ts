// The backup file: JSON Lines. The first line is a header naming the format and its version, then one line per
// stored record (namespace, key, value as stored, expiry), then an end line with the record count, so a file cut
// short is told apart from a complete one. Every line is checked with these schemas when restoring.
import { z } from 'zod';

export const BACKUP_FORMAT = 'dialog-lab-backup';
export const BACKUP_VERSION = 1;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, {
    error: `not a Dialog Lab backup (the first line must have "format": "${BACKUP_FORMAT}")`,
  }),
  version: z.int().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  /** The store layout the data is in (migrate-store.ts); restoring into a release that reads it is safe. */
  layout: z.int().min(1),
  source: z.object({ backend: z.string(), location: z.string() }),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export const BackupRecordSchema = z.object({
  namespace: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a namespace name'),
  key: z.string().min(1),
  value: z.unknown(),
  /** When the record expires (ms since 1970), or null. */
  expires: z.number().nullable(),
});
export type BackupRecord = z.infer<typeof BackupRecordSchema>;

export const BackupEndSchema = z.object({ end: z.literal(true), records: z.int().min(0) });
