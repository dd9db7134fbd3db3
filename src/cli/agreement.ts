// `npm run agreement`: how often the judge model (JUDGE_MODEL, else OPENAI_MODEL) picks what the human majority
// picked on the voted comparisons in the store, each judged in both answer orders. Prints the figures with 95%
// intervals beside MT-Bench's published GPT-4–human agreement, and keeps them in eval-results/agreement.json for
// technique cards; --json writes them elsewhere too, for scripts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { judgeAgreement } from '../eval/agreement/judge-agreement.ts';
import { agreementReportFile } from '../eval/agreement/stored-agreement.ts';
import { EVAL_RESULTS_DIR } from '../eval/stored-runs.ts';
import { buildEngine } from '../app/build-engine.ts';
import { openData, storeOptionsFrom } from '../app/open-data.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { loadEngineSettings, loadStorageSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { createLogger } from '../base/logger.ts';
import { renderAgreement } from '../render/terminal/agreement-table.ts';
import { StoreOpenError } from '../store/backend.ts';
import { parseCliArgs, UsageError } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run agreement -- [options]

Asks the judge model (JUDGE_MODEL, else OPENAI_MODEL) to pick the best answer of every voted comparison in the
store, in the shown order and reversed, and reports how often it agrees with the human majority, overall and per
pipeline version. The report is kept in ${EVAL_RESULTS_DIR}/agreement.json, where technique cards read it.

Options:
  --limit <n>         judge at most n comparisons
  --concurrency <n>   comparisons judged at once (default 4; each makes two calls)
  --json <file>       also write the figures as JSON
  -h, --help          show this help`;

function wholeNumber(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new UsageError(`--${name} must be a whole number of at least 1 (got ${JSON.stringify(value)}).`);
  return Number(value);
}

function readArguments() {
  const { values } = parseCliArgs({
    options: {
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return {
    help: values.help,
    limit: wholeNumber('limit', values.limit),
    concurrency: wholeNumber('concurrency', values.concurrency, 4)!,
    json: values.json,
  };
}

async function main(): Promise<number> {
  const args = readArguments();
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  loadEnvironment(process.env);
  const engineSettings = loadEngineSettings(process.env);
  const storage = loadStorageSettings(process.env);
  const log = createLogger();
  const { model } = await buildEngine(engineSettings, { log });
  const { store, votes, comparisons } = await openData(storeOptionsFrom(storage), log);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const judgeModel = engineSettings.JUDGE_MODEL ?? engineSettings.OPENAI_MODEL;
    console.error(`Reading the ${store.backend} store at ${store.location}; judge: ${judgeModel}`);
    const report = await judgeAgreement({
      model,
      judgeModel,
      votes,
      comparisons,
      limit: args.limit,
      concurrency: args.concurrency,
      signal: controller.signal,
    });
    console.log(renderAgreement(report));
    for (const file of [agreementReportFile(EVAL_RESULTS_DIR), ...(args.json === undefined ? [] : [args.json])]) {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
      console.error(`wrote ${file}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main, { usage: USAGE, mistakes: [CatalogError, StoreOpenError] });
