// Offline export: `npm run export -- --format kto --out kto.jsonl` writes a preference dataset and its meta
// sidecar straight from the store (PII-filtered, direct messages left out unless --include-dms), for exports too
// big for Discord and for scripts. With --card, --out is a folder that gets every chosen format with a Hugging
// Face dataset card and croissant.json, ready to publish. Needs only the storage
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
import { exportWithCard } from '../export/card/export-with-card.ts';
import { parseCardOptions, parseFormatList } from '../export/card/parse-card-options.ts';
import { positionBiasSummary } from '../export/card/dataset-prose.ts';
import { StoreOpenError } from '../store/backend.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';

const USAGE = `Usage: npm run export -- --format <format> --out <file.jsonl> [options]
       npm run export -- --card --out <folder> --license <id> --url <page> --creator <name> [options]

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
  -h, --help               show this help

Publishing (--card):
  --card                   write a dataset folder: <format>.jsonl and <format>.meta.jsonl for each format
                           (--format takes a comma-separated list, default all), README.md (a Hugging Face
                           dataset card) and croissant.json (Croissant 1.1 with responsible-AI fields)
  --license <id>           the licence, a Hugging Face id (apache-2.0, cc-by-4.0, cc-by-sa-4.0, etalab-2.0,
                           mit, other, ...); required unless EXPORT_LICENSE is set
  --license-name <id>      with --license other: the licence's id
  --license-link <where>   with --license other: LICENSE.md in the repository, or a URL
  --url <page>             the dataset page, e.g. https://huggingface.co/datasets/you/votes (required)
  --creator <name>         who publishes it (required)
  --name <title>           the card's title (default "Blind technique comparisons from Discord")
  --language <codes>       ISO 639 codes of the prompts' language, comma-separated (default en)
  --dataset-version <v>    MAJOR.MINOR.PATCH (default 1.0.0)`;

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
      card: { type: 'boolean', default: false },
      license: { type: 'string' },
      'license-name': { type: 'string' },
      'license-link': { type: 'string' },
      url: { type: 'string' },
      creator: { type: 'string' },
      name: { type: 'string' },
      language: { type: 'string', default: 'en' },
      'dataset-version': { type: 'string', default: '1.0.0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

type Arguments = ReturnType<typeof readArguments>;

function exportOptionsOf(values: Arguments) {
  return {
    since: values.since === undefined ? undefined : parseSinceDay(values.since),
    includeAfterReveal: values['include-after-reveal'],
    includeDirectMessages: values['include-dms'],
    aggregate: parseAggregate(values.aggregate),
    losersNegative: values['losers-negative'],
  };
}

async function main(): Promise<number> {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  return values.card ? exportDatasetFolder(values) : exportOneFormat(values);
}

async function exportOneFormat(values: Arguments): Promise<number> {
  if (values.format === undefined) throw new UsageError(`Give --format: one of ${EXPORT_FORMATS.join(', ')}.`);
  const format = parseExportFormat(values.format);
  const out = values.out?.trim();
  if (!out) throw new UsageError('Give --out: the file to write, e.g. --out kto.jsonl.');
  const options = exportOptionsOf(values);
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

async function exportDatasetFolder(values: Arguments): Promise<number> {
  const formats = parseFormatList(values.format);
  const out = values.out?.trim();
  if (!out) throw new UsageError('Give --out: the folder to write the dataset into, e.g. --out dataset.');
  const options = exportOptionsOf(values);
  loadEnvironment(process.env);
  const settings = loadStorageSettings(process.env);
  const publication = parseCardOptions({
    license: values.license,
    defaultLicense: settings.EXPORT_LICENSE,
    licenseName: values['license-name'],
    licenseLink: values['license-link'],
    url: values.url,
    creator: values.creator,
    name: values.name,
    language: values.language,
    version: values['dataset-version'],
    today: new Date(),
  });
  const { store, votes, comparisons } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    console.error(`Reading the ${store.backend} store at ${store.location}`);
    const guildId = values.guild === undefined ? null : values.guild.trim();
    const filter = guildId === null ? {} : { guildId };
    const result = await exportWithCard(
      out,
      formats,
      () => storeExportBatches(votes, comparisons, filter),
      { ...options, guildId },
      publication,
    );
    for (const summary of result.summaries) console.log(describeExport(summary));
    console.log(positionBiasSummary(result.model.facts.positionBias));
    console.log(`Wrote to ${out}:\n${result.written.map((file) => `  ${file}`).join('\n')}`);
    const problem = result.summaries.find((summary) => summary.firstProblem !== null)?.firstProblem;
    if (problem === undefined) return 0;
    console.error(`Left out invalid lines; the first: ${problem}`);
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
