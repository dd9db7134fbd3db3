// One eval from set file to report, shared by `npm run eval` and /eval: load the set, make the suite's
// classifier, open the results log when there is one, run, and summarise. No terminal or Discord code here.
import type { Engine } from '../engine/create-engine.js';
import type { ChatModel } from '../llm/chat-model.js';
import { buildEvalReport } from './build-eval-report.js';
import type { RunHeader } from './eval-record.js';
import { loadEvalSet } from './load-eval-set.js';
import { openResultsLog } from './results-log.js';
import { runEval } from './run-eval.js';
import { type SuiteName, type SuiteReport, suiteNamed } from './suites.js';

export interface EvaluateOptions<K extends SuiteName = SuiteName> {
  suite: K;
  setPath: string;
  pipelineIds: string[];
  repeat: number;
  concurrency: number;
  seed: number;
  /** Only the first `limit` items of the set (a quick look, or a cost cap on Discord). */
  limit?: number;
  engine: Engine;
  /** The model client the judge calls go through; `models.judge` names the judge model. */
  model: ChatModel;
  models: RunHeader['models'];
  promptsDir: string;
  /** The resumable results log; without one, answers are kept in memory only. */
  resultsLog?: { file: string; fresh: boolean };
  modelOverrides?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  onProgress?(progress: { done: number; total: number }): void;
}

export async function evaluate<K extends SuiteName>(options: EvaluateOptions<K>): Promise<SuiteReport<K>> {
  const suite = suiteNamed(options.suite);
  options.pipelineIds.forEach((id) => options.engine.pipeline(id)); // unknown ids fail before any call
  const set = await loadEvalSet(suite, options.setPath);
  const items = options.limit ? set.items.slice(0, options.limit) : set.items;
  const classifier = await suite.classifier({ model: options.model, judgeModel: options.models.judge, promptsDir: options.promptsDir });
  const header: RunHeader = {
    kind: 'run',
    suite: suite.name,
    set: { path: set.path, sha256: set.sha256, items: set.items.length },
    seed: options.seed,
    models: options.models,
    startedAt: new Date().toISOString(),
  };
  const log = options.resultsLog ? await openResultsLog(options.resultsLog.file, header, suite.classification, { fresh: options.resultsLog.fresh }) : null;
  const records = await runEval({
    engine: options.engine,
    items,
    promptOf: suite.promptOf,
    pipelineIds: options.pipelineIds,
    repeat: options.repeat,
    concurrency: options.concurrency,
    seed: options.seed,
    classifier,
    previous: log?.records ?? [],
    record: (record) => log?.append(record) ?? Promise.resolve(),
    modelOverrides: options.modelOverrides,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const versions = new Map(options.pipelineIds.map((id) => [id, options.engine.version(id, options.modelOverrides)]));
  const report = buildEvalReport(suite, log?.header ?? header, { items, pipelineIds: options.pipelineIds, versions, repeat: options.repeat, records });
  // suiteNamed(K) is SUITES[K], so this is the report of suite K; the compiler cannot follow a key through a lookup.
  return report as SuiteReport<K>;
}
