// The report of a run as written to --json: suite, set (path, sha256, items), the run's settings, the suite's
// results (one summary per pipeline and its cross-pipeline statistics), and every answer with its
// classification, so the run can be audited and repeated (--rerun) item by item.
import { z } from 'zod';
import { formatIssues } from '../base/format-issue.js';
import { UserError } from '../base/user-error.js';
import type { EvalSuite, PipelineSummary, ReportBase } from './eval-suite.js';
import { type AnswerRecord, RunHeader, answerRecordSchema } from './eval-record.js';
import { suiteNamed } from './suites.js';

export function buildEvalReport<Name extends string, Item extends { id: string }, Classification, Results extends { pipelines: PipelineSummary[] }>(
  suite: EvalSuite<Name, Item, Classification, Results>,
  header: RunHeader,
  options: { items: Item[]; pipelineIds: string[]; versions: ReadonlyMap<string, string>; repeat: number; records: AnswerRecord<Classification>[] },
): ReportBase<Name, Classification> & Results {
  const results = suite.summarize({ items: options.items, pipelineIds: options.pipelineIds, versionOf: (id) => options.versions.get(id) ?? '', records: options.records });
  return {
    suite: suite.name,
    set: header.set,
    run: { seed: header.seed, repeat: options.repeat, items: options.items.length, models: header.models, startedAt: header.startedAt },
    ...results,
    records: options.records,
  };
}

const StoredReportHead = z.object({
  suite: RunHeader.shape.suite,
  set: RunHeader.shape.set,
  run: z.object({ seed: z.int(), repeat: z.int().min(1), items: z.int().min(1).optional() }),
  pipelines: z.array(z.object({ id: z.string(), version: z.string() })).min(1),
  records: z.array(z.unknown()),
});

/** What --rerun needs back from a report file; the rest is recomputed. */
export type StoredReport = Omit<z.infer<typeof StoredReportHead>, 'records'> & { records: AnswerRecord[] };

/** Reads a --json report back, its answers checked against the classification of the suite that wrote it. */
export function parseStoredReport(file: string, data: unknown): StoredReport {
  const head = StoredReportHead.safeParse(data);
  if (!head.success) throw new UserError('invalid-eval-set', formatIssues(file, head.error, data).join('\n'));
  const records = z.array(answerRecordSchema(suiteNamed(head.data.suite).classification)).safeParse(head.data.records);
  if (!records.success) throw new UserError('invalid-eval-set', formatIssues(`${file}: records`, records.error, head.data.records).join('\n'));
  return { ...head.data, records: records.data };
}
