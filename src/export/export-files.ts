// The two files of an export: the dataset and its aligned meta sidecar. Votes come in batches (whole
// comparisons each, see votedBatches) and lines go out as they are made, so an export of any size needs the
// memory of one batch. Every line is checked against its format's schema first; a line that fails is left out
// with its meta and counted, so a bug shows up in the summary and never as a bad record in a training set.
import { formatIssues } from '../base/format-issue.ts';
import type { VoteRecord } from '../records/votes/vote.ts';
import type { ExportComparison } from './export-comparison.ts';
import { exportDataset } from './export-dataset.ts';
import { addSkips, NO_SKIPS, type ExportSkips } from './export-result.ts';
import { EXPORT_LINE_SCHEMAS, ExportMetaLine, type ExportFormat } from './schemas.ts';
import type { ExportOptions } from './select-decisions.ts';

export interface ExportFileSkips extends ExportSkips {
  /** Votes on comparisons whose prompt was deleted (/forget-me or retention): there is no prompt to export. */
  deletedPrompt: number;
  /** Lines that failed the format's schema (a bug): left out. */
  invalidLines: number;
}

export interface ExportSummary {
  format: ExportFormat;
  aggregate: 'per-vote' | 'majority';
  lines: number;
  /** Votes handed in. */
  votes: number;
  skipped: ExportFileSkips;
  /** What was wrong with the first invalid line, for the log. */
  firstProblem: string | null;
}

/** An export held in memory: the summary with the JSONL texts (`meta` line i describes `data` line i). */
export interface ExportFiles extends ExportSummary {
  data: string;
  meta: string;
}

export interface ExportBatch {
  votes: readonly VoteRecord[];
  comparisons: readonly ExportComparison[];
}

/** Where checked lines go, each one JSON line with its newline; `write` may wait (backpressure). */
export interface ExportSink {
  write(data: string, meta: string): void | Promise<void>;
}

function emptySummary(format: ExportFormat, options: ExportOptions): ExportSummary {
  return {
    format,
    aggregate: options.aggregate ?? 'per-vote',
    lines: 0,
    votes: 0,
    skipped: { ...NO_SKIPS, deletedPrompt: 0, invalidLines: 0 },
    firstProblem: null,
  };
}

async function exportBatch(
  format: ExportFormat,
  batch: ExportBatch,
  options: ExportOptions,
  sink: ExportSink,
  summary: ExportSummary,
): Promise<void> {
  const deleted = new Set(
    batch.comparisons
      .filter((comparison) => comparison.promptForgotten || comparison.conversation.length === 0)
      .map((comparison) => comparison.id),
  );
  const exportable = batch.votes.filter((vote) => !deleted.has(vote.comparisonId));
  const result = exportDataset(format, exportable, batch.comparisons, options);
  const schema = EXPORT_LINE_SCHEMAS[format];
  let written = 0;
  for (const [index, line] of result.lines.entries()) {
    const checked = schema.safeParse(line);
    const checkedMeta = ExportMetaLine.safeParse(result.meta[index]);
    if (checked.success && checkedMeta.success) {
      await sink.write(`${JSON.stringify(checked.data)}\n`, `${JSON.stringify(checkedMeta.data)}\n`);
      written += 1;
      continue;
    }
    const error = checked.success ? checkedMeta.error! : checked.error;
    if (summary.firstProblem === null) {
      summary.firstProblem = formatIssues(
        `${format} line ${summary.lines + written + 1}${checked.success ? ' (meta)' : ''}`,
        error,
        checked.success ? result.meta[index] : line,
      ).join('; ');
    }
  }
  summary.lines += written;
  summary.votes += batch.votes.length;
  summary.skipped = {
    ...addSkips(summary.skipped, result.skipped),
    deletedPrompt: summary.skipped.deletedPrompt + batch.votes.length - exportable.length,
    invalidLines: summary.skipped.invalidLines + result.lines.length - written,
  };
}

export async function writeExport(
  format: ExportFormat,
  batches: AsyncIterable<ExportBatch> | Iterable<ExportBatch>,
  sink: ExportSink,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const summary = emptySummary(format, options);
  for await (const batch of batches) await exportBatch(format, batch, options, sink, summary);
  return summary;
}

/** A whole export in memory, for small data and tests. */
export async function buildExportFiles(
  format: ExportFormat,
  votes: readonly VoteRecord[],
  comparisons: readonly ExportComparison[],
  options: ExportOptions = {},
): Promise<ExportFiles> {
  let data = '';
  let meta = '';
  const summary = await writeExport(
    format,
    [{ votes, comparisons }],
    { write: (line, metaLine) => void ((data += line), (meta += metaLine)) },
    options,
  );
  return { ...summary, data, meta };
}
