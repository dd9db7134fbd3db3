// Offline export: `npm run export -- --format kto --out kto.jsonl` writes a preference dataset and its meta
// sidecar straight from the store (PII-filtered, direct messages left out unless --include-dms), for exports too
// big for Discord and for scripts. Needs only the storage
// settings (DATA_DIR, REDIS_URL, POSTGRES_URL): no Discord token, no model key.
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { ConfigError, loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { UserError } from '../base/user-error.ts';
import { describeExport } from '../render/describe-export.ts';
import { writeExport } from '../export/export-files.ts';
import { openJsonlFileSink } from '../export/jsonl-file-sink.ts';
import { storeExportBatches } from '../export/store-export-batches.ts';
import { createLogger } from '../base/logger.ts';
import { sidecarPathOf } from '../export/export-paths.ts';
import { parseAggregate, parseExportFormat, parseSinceDay } from '../export/parse-export-options.ts';
import { EXPORT_FORMATS } from '../export/schemas.ts';
import { StoreOpenError } from '../store/backend.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';

const USAGE = `Usage: npm run export -- --format <format> --out <file.jsonl> [options]

Formats: ${EXPORT_FORMATS.join(', ')}

Options:
  --format <format>        dataset format (required)
  --out <file.jsonl>       where to write; the sidecar goes next to it as <file>.meta.jsonl
  --since <YYYY-MM-DD>     only votes cast on or after this day (UTC)
  --guild <id>             only this server's votes (default: all votes in the store)
  --include-after-reveal   also votes cast after the voter revealed the pipelines
  --include-dms            also comparisons made in direct messages with the bot (left out by default;
                           their sidecar lines have guildId null)
  --aggregate <mode>       per-vote (default) or majority: one record set per comparison
  --losers-negative        kto only: also label best-of-N losers false
  -h, --help               show this help`;

function readArguments() {
  return parseCliArgs({
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      since: { type: 'string' },
      guild: { type: 'string' },
      'include-after-reveal': { type: 'boolean', default: false },
      'include-dms': { type: 'boolean', default: false },
      aggregate: { type: 'string', default: 'per-vote' },
      'losers-negative': { type: 'boolean', default: false },
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
  if (values.format === undefined) throw new UsageError(`Give --format: one of ${EXPORT_FORMATS.join(', ')}.`);
  const format = parseExportFormat(values.format);
  const out = values.out?.trim();
  if (!out) throw new UsageError('Give --out: the file to write, e.g. --out kto.jsonl.');
  const options = {
    since: values.since === undefined ? undefined : parseSinceDay(values.since),
    includeAfterReveal: values['include-after-reveal'],
    includeDirectMessages: values['include-dms'],
    aggregate: parseAggregate(values.aggregate),
    losersNegative: values['losers-negative'],
  };
  loadEnvironment(process.env);
  const settings = loadStorageSettings(process.env);
  const { store, votes, comparisons } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    console.error(`Reading the ${store.backend} store at ${store.location}`);
    const metaPath = sidecarPathOf(out);
    const sink = await openJsonlFileSink(out, metaPath);
    const filter = values.guild === undefined ? {} : { guildId: values.guild.trim() };
    const files = await writeExport(format, storeExportBatches(votes, comparisons, filter), sink, options).finally(() =>
      sink.close(),
    );
    console.log(`${describeExport(files)}\n  ${out}\n  ${metaPath}`);
    if (files.firstProblem === null) return 0;
    console.error(`Left out invalid lines; the first: ${files.firstProblem}`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof UserError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      console.error(`Cannot export: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error instanceof StoreOpenError ? error.message : error);
      process.exitCode = 1;
    }
  },
);
