// One eval from set file to report, shared by `npm run eval` and /eval: load the set (and the rubric for
// safety), open the results log when there is one, run, and summarise. No terminal or Discord code here.
import type { Engine } from '../engine/create-engine.js';
import type { ChatModel } from '../llm/chat-model.js';
import { type EvalReport, buildEvalReport } from './build-eval-report.js';
import { classifyReasoning } from './reasoning/classify-reasoning.js';
import { safetyClassifier } from './safety/classify-safety.js';
import type { EvalItem, Suite } from './eval-items.js';
import type { AnswerRecord, RunHeader } from './eval-record.js';
import { loadEvalSet } from './load-eval-set.js';
import { loadRefusalRubric } from './safety/refusal-rubric.js';
import { openResultsLog } from './results-log.js';
import { runEval } from './run-eval.js';

export interface EvaluateOptions {
  suite: Suite;
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

export async function evaluate(options: EvaluateOptions): Promise<EvalReport> {
  options.pipelineIds.forEach((id) => options.engine.pipeline(id)); // unknown ids fail before any call
  const set = await loadEvalSet(options.suite, options.setPath);
  const items: EvalItem[] = options.limit ? set.items.slice(0, options.limit) : set.items;
  const classify = options.suite === 'safety' ? safetyClassifier(options.model, options.models.judge, await loadRefusalRubric(options.promptsDir)) : classifyReasoning;
  const header: RunHeader = {
    kind: 'run',
    suite: options.suite,
    set: { path: set.path, sha256: set.sha256, items: set.items.length },
    seed: options.seed,
    models: options.models,
    startedAt: new Date().toISOString(),
  };
  const log = options.resultsLog ? await openResultsLog(options.resultsLog.file, header, { fresh: options.resultsLog.fresh }) : null;
  const previous: AnswerRecord[] = log?.records ?? [];
  const records = await runEval({
    engine: options.engine,
    items,
    pipelineIds: options.pipelineIds,
    repeat: options.repeat,
    concurrency: options.concurrency,
    seed: options.seed,
    classify,
    previous,
    record: (record) => log?.append(record) ?? Promise.resolve(),
    modelOverrides: options.modelOverrides,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const versions = new Map(options.pipelineIds.map((id) => [id, options.engine.version(id, options.modelOverrides)]));
  return buildEvalReport(log?.header ?? header, { items, pipelineIds: options.pipelineIds, versions, repeat: options.repeat, records });
}
