// `npm run card -- <pipeline>… | --all`: one technique card per pipeline at its current version, from the votes in
// the store (counted as the leaderboard counts them), the experiments stored there, the latest stored safety and
// reasoning runs and the stored judge–human agreement report. Writes each card as JSON, Markdown and a PNG summary.
// Needs no model key: nothing is asked of a model, only read.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildTechniqueCard } from '../cards/build-technique-card.ts';
import { gatherEvidence } from '../cards/gather-evidence.ts';
import { CatalogError, loadCatalog } from '../catalog/load-catalog.ts';
import { type CardSettings, loadCardSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { createLogger } from '../base/logger.ts';
import { UserError } from '../base/user-error.ts';
import { EVAL_RESULTS_DIR } from '../eval/stored-runs.ts';
import { buildLeaderboardFromBatches } from '../ratings/build-leaderboard.ts';
import type { Leaderboard } from '../ratings/leaderboard.ts';
import { createCountRecords, votesFromCountRecords } from '../records/counting/count-records.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import { createExperimentStore } from '../records/experiments/experiment-store.ts';
import { cardFiles } from '../render/cards/card-files.ts';
import { StoreOpenError } from '../store/backend.ts';
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run card -- <pipeline> [<pipeline>…] [options]
       npm run card -- --all [options]

Writes a technique card for each pipeline at its current version: rating (raw and style-controlled, with interval
and rank spread), votes and win rate, win rate by prompt category, over-refusal and unsafe compliance, reasoning
accuracy beside the paper's figure, judge–human agreement, cost and latency per answer and per win, the steps and
prompts, and the experiments that had it as an arm. Each card is <pipeline>-<version>.json, .md and .png.

Options:
  --all               a card for every pipeline in PROMPTS_DIR
  --out <dir>         where to write the cards (default: cards)
  --results <dir>     where npm run eval and npm run agreement keep their results (default: ${EVAL_RESULTS_DIR})
  --guild <id>        count only this server's votes (default: every server's)
  -h, --help          show this help`;

function readArguments() {
  const { values, positionals } = parseCliArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      out: { type: 'string', default: 'cards' },
      results: { type: 'string', default: EVAL_RESULTS_DIR },
      guild: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (!values.help && values.all === positionals.length > 0)
    throw new UsageError(
      values.all ? 'Give either --all or pipeline names, not both.' : 'Say which pipeline, e.g. cot, or --all.',
    );
  const guild = values.guild?.trim();
  if (guild === '') throw new UsageError('--guild needs a server id.');
  return { ...values, guild, pipelines: positionals };
}

/**
 * The board with default options, counted as the leaderboard worker counts it, and the experiments in scope.
 */
async function readStore(
  settings: CardSettings,
  guildId: string | undefined,
): Promise<{ leaderboard: Leaderboard; experiments: ExperimentRecord[] }> {
  const { store } = await openData(storeOptionsFrom(settings), createLogger());
  try {
    console.error(`Reading the ${store.backend} store at ${store.location}`);
    const counts = createCountRecords(store);
    await counts.ensureComplete();
    const leaderboard = await buildLeaderboardFromBatches(
      votesFromCountRecords(counts, guildId === undefined ? {} : { guildId }),
    );
    const experiments: ExperimentRecord[] = [];
    for await (const record of createExperimentStore(store).all())
      if (guildId === undefined || record.guildId === guildId) experiments.push(record);
    return { leaderboard, experiments };
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const args = readArguments();
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  loadEnvironment(process.env);
  const settings = loadCardSettings(process.env);
  const catalog = await loadCatalog(settings.PROMPTS_DIR);
  const pipelineIds = args.all ? [...catalog.pipelines.keys()] : args.pipelines;
  const unknown = pipelineIds.filter((id) => !catalog.pipelines.has(id));
  if (unknown.length > 0)
    throw new UserError(
      'unknown-pipeline',
      `There is no pipeline called ${unknown.map((id) => `"${id}"`).join(', ')}. Available: ${[...catalog.pipelines.keys()].join(', ')}.`,
    );
  const { leaderboard, experiments } = await readStore(settings, args.guild);
  const evidenceOf = await gatherEvidence({
    catalog,
    models: { generator: settings.OPENAI_MODEL, judge: settings.JUDGE_MODEL ?? settings.OPENAI_MODEL },
    board: { leaderboard, scope: args.guild === undefined ? 'all servers' : `server ${args.guild}` },
    experiments,
    resultsDir: args.results,
    now: new Date(),
  });
  await mkdir(args.out, { recursive: true });
  for (const pipelineId of pipelineIds) {
    const card = buildTechniqueCard(evidenceOf(pipelineId));
    for (const file of await cardFiles(card)) {
      const target = path.join(args.out, file.name);
      await writeFile(target, file.content);
      console.log(`wrote ${target}`);
    }
  }
  return 0;
}

runCli(main, { usage: USAGE, mistakes: [CatalogError, UserError], refusals: [StoreOpenError] });
