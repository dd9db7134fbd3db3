// `npm run restore -- --in FILE`: puts a backup into the store named by the settings (DATA_DIR, REDIS_URL or
// POSTGRES_URL). Each record is set by its key: restoring twice changes nothing, and records already in the
// store under other keys stay. A file of another format, a newer version or cut short is refused or reported.
import { openData, storeOptionsFrom } from '../app/open-data.js';
import { BackupFileError, restoreBackup } from '../backup/restore-backup.js';
import { loadStorageSettings } from '../config/env.js';
import { loadEnvironment } from '../config/load-environment.js';
import { StoreOpenError } from '../store/backend.js';
import { createLogger } from '../log/logger.js';
import { StoreVersionError } from '../migrations/migrate-store.js';
import { describeCounts } from './describe-counts.js';
import { parseCliArgs, UsageError } from './parse-cli-args.js';
import { runCli } from './run-cli.js';

const USAGE = `Usage: npm run restore -- --in <file.jsonl>

Restores a file made by npm run backup into the store named by the settings (DATA_DIR, REDIS_URL or
POSTGRES_URL). Safe to repeat: every record is written by its key.

Options:
  --in <file.jsonl>    the backup to restore (required)
  -h, --help           show this help`;

function readArguments() {
  return parseCliArgs({ options: { in: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }).values;
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
    const summary = await restoreBackup(store, file);
    console.log(`Restored ${summary.records} record(s) from a backup made ${summary.header.createdAt} (${summary.header.source.backend}): ${describeCounts(summary.perNamespace)}`);
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main, { usage: USAGE, action: 'restore', refusals: [BackupFileError, StoreOpenError, StoreVersionError] });
