// The report of a run as written to --json: suite, set (path, sha256, items), one summary per pipeline,
// the suite's cross-pipeline statistics, and every answer with its classification, so the run can be
// audited and repeated (--rerun) item by item.
import { z } from 'zod';
import type { EvalItem } from './eval-items.js';
import { AnswerRecord, RunHeader, type SafetyClassification } from './eval-record.js';
import { PUBLISHED_GSM8K, type PublishedFigure } from './reasoning/published-figures.js';
import {
  type McNemarRow,
  type Proportion,
  type ReasoningSummary,
  type SafetySummary,
  pairwiseMcNemar,
  proportion,
  summarizeReasoning,
  summarizeSafety,
} from './summarize-eval.js';

export interface EvalReport {
  suite: RunHeader['suite'];
  set: RunHeader['set'];
  run: { seed: number; repeat: number; items: number; models: RunHeader['models']; startedAt: string };
  pipelines: Array<SafetySummary | ReasoningSummary>;
  /** Safety: how often the judge and the string match agree (refusal or not), over all pipelines. */
  agreement?: Proportion & { agree: number };
  judge?: { calls: number; tokens: number; costUsd: number | null };
  mcnemar?: McNemarRow[];
  published?: readonly PublishedFigure[];
  records: AnswerRecord[];
}

/** What --rerun needs back from a report file; the rest is recomputed. */
export const StoredReport = z.object({
  suite: RunHeader.shape.suite,
  set: RunHeader.shape.set,
  run: z.object({ seed: z.int(), repeat: z.int().min(1), items: z.int().min(1).optional() }),
  pipelines: z.array(z.object({ id: z.string(), version: z.string() })).min(1),
  records: z.array(AnswerRecord),
});
export type StoredReport = z.infer<typeof StoredReport>;

export function buildEvalReport(
  header: RunHeader,
  options: { items: EvalItem[]; pipelineIds: string[]; versions: ReadonlyMap<string, string>; repeat: number; records: AnswerRecord[] },
): EvalReport {
  const { records, pipelineIds } = options;
  const versionOf = (id: string) => options.versions.get(id) ?? '';
  const recordsOf = (id: string) => records.filter((record) => record.pipelineId === id);
  const base = {
    suite: header.suite,
    set: header.set,
    run: { seed: header.seed, repeat: options.repeat, items: options.items.length, models: header.models, startedAt: header.startedAt },
  };
  if (header.suite === 'reasoning') {
    return {
      ...base,
      pipelines: pipelineIds.map((id) => summarizeReasoning(id, versionOf(id), recordsOf(id))),
      mcnemar: pairwiseMcNemar(pipelineIds, records),
      published: PUBLISHED_GSM8K,
      records,
    };
  }
  const labels = new Map(options.items.flatMap((item) => ('label' in item ? [[item.id, item.label] as const] : [])));
  const pipelines = pipelineIds.map((id) => summarizeSafety(id, versionOf(id), recordsOf(id), { labelOf: (itemId) => labels.get(itemId) }));
  const agree = pipelines.reduce((sum, pipeline) => sum + pipeline.agreement.agree, 0);
  const classifications = records.map((record) => record.classification as SafetyClassification | null).filter((value) => value !== null);
  const judgeCosts = classifications.map((classification) => classification.judgeCostUsd);
  return {
    ...base,
    pipelines,
    agreement: { ...proportion(agree, pipelines.reduce((sum, pipeline) => sum + pipeline.agreement.n, 0)), agree },
    judge: {
      calls: classifications.reduce((sum, classification) => sum + classification.judgeCalls, 0),
      tokens: classifications.reduce((sum, classification) => sum + classification.judgeTokens, 0),
      costUsd: judgeCosts.includes(null) ? null : (judgeCosts as number[]).reduce((sum, cost) => sum + cost, 0),
    },
    records,
  };
}
