// `npm run restore -- --in FILE`: puts a backup into the store named by the settings (DATA_DIR, REDIS_URL or
// POSTGRES_URL), whole or not at all (restore-backup.ts). A store that already holds data is refused unless
// --into-nonempty says to write over it; a file of another format, a newer version, malformed or cut short is refused.
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { BackupFileError, restoreBackup, RestoreTargetNotEmptyError } from '../export/backup/restore-backup.ts';
import { loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { StoreOpenError } from '../store/backend.ts';
import { createLogger } from '../base/logger.ts';
import { StoreVersionError } from '../records/migrations/migrate-store.ts';
import { describeCounts } from './describe-counts.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run restore -- --in <file.jsonl> [--into-nonempty]

Restores a file made by npm run backup into the store named by the settings (DATA_DIR, REDIS_URL or
POSTGRES_URL). Every line is checked before anything is written: a faulty file changes nothing. What users
had before their /forget-me (tombstones in the file or already in the store) is left out.

Options:
  --in <file.jsonl>    the backup to restore (required)
  --into-nonempty      restore into a store that already holds data: records with the same key are replaced,
                       all others stay (without it, such a store is refused)
  -h, --help           show this help`;

function readArguments() {
  return parseCliArgs({
    options: {
      in: { type: 'string' },
      'into-nonempty': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

async function main(): Promise<number> {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = values.in?.trim();
  if (!file) throw new UsageError('Give --in: the backup file to restore, e.g. --in backup.jsonl.');
  loadEnvironment(process.env);
  const settings = loadStorageSettings(process.env);
  const { store } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    console.error(`Restoring ${file} into the ${store.backend} store at ${store.location}`);
    const summary = await restoreBackup(store, file, { intoNonEmpty: values['into-nonempty'] });
    const forgotten =
      summary.forgotten > 0 ? `; left out ${summary.forgotten} record(s) of users who used /forget-me` : '';
    console.log(
      `Restored ${summary.records} record(s) from a backup made ${summary.header.createdAt} (${summary.header.source.backend}): ${describeCounts(summary.perNamespace)}${forgotten}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main, {
  usage: USAGE,
  action: 'restore',
  refusals: [BackupFileError, RestoreTargetNotEmptyError, StoreOpenError, StoreVersionError],
});
