// Terminal front end of the eval suites: `npm run eval -- --suite safety|reasoning ...` runs a set through
// the same engine the bot uses, appends every answer to a resumable log as it comes, shows a progress bar
// on stderr, and prints the tables (and writes JSON, Markdown and a chart) when done.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { createLogger } from '../base/logger.ts';
import { buildEngine } from '../app/build-engine.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { renderChart } from '../render/charts/render-chart.ts';
import { loadEngineSettings } from '../config/env.ts';
import { loadEnvironment } from '../config/load-environment.ts';
import { UserError } from '../base/user-error.ts';
import { generateWordProblems, toJsonl } from '../eval/reasoning/arithmetic-problems.ts';
import { type StoredReport, parseStoredReport } from '../eval/build-eval-report.ts';
import { diffRuns, renderChanges } from '../eval/diff-runs.ts';
import { renderEvalMarkdown } from '../eval/eval-markdown.ts';
import { evaluate } from '../eval/evaluate.ts';
import { loadEvalSet } from '../eval/load-eval-set.ts';
import { type EvalReport, type SuiteName, SUITES, isSuiteName, suiteNamed, suiteOf } from '../eval/suites.ts';
import { EVAL_RESULTS_DIR } from '../eval/stored-runs.ts';
import { EVAL_USAGE, parseEvalArguments } from './eval-options.ts';
import { runCli } from './run-cli.ts';

async function readStoredReport(file: string): Promise<StoredReport & { suite: SuiteName }> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new UserError('invalid-eval-set', `Cannot read ${file} as JSON: pass a report written with --json.`);
  }
  const report = parseStoredReport(file, data);
  if (!isSuiteName(report.suite))
    throw new UserError('invalid-eval-set', `${file}: suite: there is no "${report.suite}" suite.`);
  return { ...report, suite: report.suite };
}

async function write(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, content);
  console.error(`wrote ${file}`);
}

async function main(): Promise<number> {
  const args = parseEvalArguments(process.argv.slice(2));
  if (args.help) {
    console.log(EVAL_USAGE);
    return 0;
  }
  if (args.generate !== undefined) {
    process.stdout.write(toJsonl(generateWordProblems(args.generate, args.seed)));
    return 0;
  }
  loadEnvironment(process.env);
  const settings = loadEngineSettings(process.env);
  const previous = args.rerun ? await readStoredReport(args.rerun) : null;
  const suite = previous?.suite ?? args.suite;
  if (!suite) throw new UserError('invalid-eval-set', 'Say which suite to run with --suite.');
  const setPath = previous?.set.path ?? args.set ?? path.join(settings.PROMPTS_DIR, SUITES[suite].defaultSet);
  const seed = previous?.run.seed ?? args.seed;
  const repeat = previous?.run.repeat ?? args.repeat;
  const pipelineIds =
    previous?.pipelines.map((pipeline) => pipeline.id) ?? args.pipelines ?? settings.COMPARE_PIPELINES;
  const set = await loadEvalSet(suiteNamed(suite), setPath);
  if (previous && previous.set.sha256 !== set.sha256)
    console.error(
      `⚠️ ${setPath} changed since that run (sha256 ${previous.set.sha256.slice(0, 12)} → ${set.sha256.slice(0, 12)}).`,
    );
  const stem = `${suite}-${path.basename(setPath).replace(/\.[^.]+$/, '')}-${set.sha256.slice(0, 12)}-seed${seed}`;
  const logFile =
    args.log ?? path.join(EVAL_RESULTS_DIR, previous ? `${stem}-rerun-${Date.now()}.jsonl` : `${stem}.jsonl`);

  const { engine, model } = await buildEngine(settings, { log: createLogger() });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${suite} {bar} {value}/{total} answers · {percentage}% · eta {eta_formatted}`,
    hideCursor: true,
  });
  let started = false;
  const report: EvalReport = await evaluate({
    suite,
    setPath,
    pipelineIds,
    repeat,
    concurrency: args.concurrency,
    seed,
    limit: args.limit ?? previous?.run.items,
    engine,
    model,
    models: { generator: settings.OPENAI_MODEL, judge: settings.JUDGE_MODEL ?? settings.OPENAI_MODEL },
    promptsDir: settings.PROMPTS_DIR,
    resultsLog: { file: logFile, fresh: args.fresh || previous !== null },
    signal: controller.signal,
    onProgress({ done, total }) {
      if (!started) bar.start(total, done);
      started = true;
      bar.update(done);
    },
  }).finally(() => bar.stop());
  if (controller.signal.aborted) {
    console.error(`Interrupted. The answers so far are in ${logFile}: run the same command again to continue.`);
    return 130;
  }
  const markdown = renderEvalMarkdown(report);
  console.log(markdown);
  if (previous)
    console.log(
      `\nCompared with ${args.rerun}:\n${renderChanges(diffRuns(previous.records, report.records, (outcome) => suiteOf(report).describe(outcome)))}`,
    );
  if (args.json) await write(args.json, `${JSON.stringify(report, null, 2)}\n`);
  if (args.markdown) await write(args.markdown, `${markdown}\n`);
  await write(
    args.chart ?? logFile.replace(/\.jsonl$/, '.png'),
    (await renderChart(suiteOf(report).chart(report))).png,
  );
  return 0;
}

runCli(main, { usage: EVAL_USAGE, mistakes: [CatalogError, UserError] });
