// `npm run backup -- --out FILE`: the whole store as one JSONL file (backup-format.ts), written as it is read.
// Needs only the storage settings (DATA_DIR, REDIS_URL, POSTGRES_URL).
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { writeBackup } from '../export/backup/write-backup.ts';
import { loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { StoreVersionError } from '../records/migrations/migrate-store.ts';
import { createLogger } from '../base/logger.ts';
import { StoreOpenError } from '../store/backend.ts';
import { describeCounts } from './describe-counts.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run backup -- --out <file.jsonl>

Writes every record of the store named by the settings (DATA_DIR, REDIS_URL or POSTGRES_URL) to one JSON Lines
file: a header line, one line per record, an end line. Restore it with npm run restore -- --in <file.jsonl>.

Options:
  --out <file.jsonl>   where to write (required)
  -h, --help           show this help`;

function readArguments() {
  return parseCliArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } })
    .values;
}

async function main(): Promise<number> {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const out = values.out?.trim();
  if (!out) throw new UsageError('Give --out: the file to write, e.g. --out backup.jsonl.');
  loadEnvironment(process.env);
  const settings = loadStorageSettings(process.env);
  const { store } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    console.error(`Backing up the ${store.backend} store at ${store.location}`);
    const summary = await writeBackup(store, out);
    console.log(`Wrote ${summary.records} record(s) to ${out}: ${describeCounts(summary.perNamespace)}`);
    console.error(
      `⚠️ ${out} holds every record in clear, the voter-hash salt too (unless VOTER_HASH_SALT is set): with it, anyone can tell which votes a known Discord user cast. Keep it owner-only and encrypted (README: Backup and restore).`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main, { usage: USAGE, action: 'back up', refusals: [StoreOpenError, StoreVersionError] });
