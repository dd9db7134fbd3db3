// Terminal front end: `npm run compare -- "question"` runs the enabled pipelines through the same engine
// the bot uses and prints the answers side by side, with progress on stderr while it runs.
import { buildEngine } from '../app/build-engine.ts';
import { loadEngineSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { readModelOption } from '../records/comparisons/compare-models.ts';
import { crossRuns, runName } from '../engine/cross-runs.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { UserError } from '../base/user-error.ts';
import { renderColumns } from '../render/terminal/terminal-columns.ts';
import { renderTrace } from '../render/terminal/terminal-trace.ts';
import { createLogger } from '../base/logger.ts';
import { parseCliArgs } from './parse-cli-args.ts';
import { progressPrinter } from './progress-printer.ts';
import { runCli } from './run-cli.ts';

const USAGE = `Usage: npm run compare -- [options] "your question"

Options:
  --pipelines a,b   pipelines to run (default: COMPARE_PIPELINES from .env)
  --models m1,m2    run every pipeline once on each of these models (as its generator model)
  --json            print the full results, traces included, as JSON on stdout
  --trace           show every step (model, tokens, latency, cost, output) after the answers
  --list            list the available pipelines
  -h, --help        show this help`;

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs({
    allowPositionals: true,
    options: {
      pipelines: { type: 'string' },
      models: { type: 'string' },
      json: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  loadEnvironment(process.env);
  const settings = loadEngineSettings(process.env);
  const { engine, servedModels } = await buildEngine(settings, { log: createLogger() });
  if (values.list) {
    for (const pipeline of engine.pipelines()) console.log(`${pipeline.id.padEnd(18)} ${pipeline.description}`);
    return 0;
  }
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error(`Give a question to ask.\n\n${USAGE}`);
    return 2;
  }
  const pipelineIds = values.pipelines
    ? values.pipelines
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : settings.COMPARE_PIPELINES;
  const models = await readModelOption(values.models, servedModels, settings);
  const runs = crossRuns(pipelineIds, models);
  const names = runs.map(runName);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const progress = progressPrinter(process.stderr, names);
  const results = await engine.compare(runs, [{ role: 'user', content: question }], {
    signal: controller.signal,
    onEvent: progress.onEvent,
  });
  progress.done();
  if (values.json) {
    console.log(JSON.stringify({ question, runs, results }, null, 2));
  } else {
    console.log(renderColumns(results, process.stdout.columns ?? 120, names));
    if (values.trace) console.log(`\n${results.map((result) => renderTrace(result)).join('\n\n')}`);
  }
  return results.some((result) => result.status === 'ok') ? 0 : 1;
}

runCli(main, { usage: USAGE, mistakes: [CatalogError, UserError] });
