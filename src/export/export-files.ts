// The two files of an export, ready to write or attach: the dataset and its aligned meta sidecar. Every line
// is checked against its format's schema first; a line that fails is left out with its meta and counted,
// so a bug shows up in the summary and never as a bad record in someone's training set.
import type { ComparisonRecord } from '../comparisons/comparison.js';
import { formatIssues } from '../catalog/format-issue.js';
import type { VoteRecord } from '../votes/vote.js';
import { exportDataset } from './export-dataset.js';
import type { ExportSkips } from './export-result.js';
import { EXPORT_LINE_SCHEMAS, ExportMetaLine, type ExportFormat } from './schemas.js';
import type { ExportOptions } from './select-decisions.js';
import { toJsonl } from './to-jsonl.js';

export interface ExportFileSkips extends ExportSkips {
  /** Votes on comparisons whose prompt was deleted (/forget-me or retention): there is no prompt to export. */
  deletedPrompt: number;
  /** Lines that failed the format's schema (a bug): left out. */
  invalidLines: number;
}

export interface ExportFiles {
  format: ExportFormat;
  aggregate: 'per-vote' | 'majority';
  /** JSONL of the dataset; `meta` line i describes `data` line i. */
  data: string;
  meta: string;
  lines: number;
  /** Votes handed in. */
  votes: number;
  skipped: ExportFileSkips;
  /** What was wrong with the first invalid line, for the log. */
  firstProblem: string | null;
}

export function buildExportFiles(
  format: ExportFormat,
  votes: readonly VoteRecord[],
  comparisons: readonly ComparisonRecord[],
  options: ExportOptions = {},
): ExportFiles {
  const deleted = new Set(comparisons.filter((comparison) => comparison.conversation.length === 0).map((comparison) => comparison.id));
  const exportable = votes.filter((vote) => !deleted.has(vote.comparisonId));
  const result = exportDataset(format, exportable, comparisons, options);
  const schema = EXPORT_LINE_SCHEMAS[format];
  const lines: unknown[] = [];
  const meta: unknown[] = [];
  let firstProblem: string | null = null;
  result.lines.forEach((line, index) => {
    const checked = schema.safeParse(line);
    const checkedMeta = ExportMetaLine.safeParse(result.meta[index]);
    if (checked.success && checkedMeta.success) {
      lines.push(checked.data);
      meta.push(checkedMeta.data);
      return;
    }
    const error = checked.success ? (checkedMeta.success ? null : checkedMeta.error) : checked.error;
    if (error !== null && firstProblem === null) {
      firstProblem = formatIssues(`${format} line ${index + 1}${checked.success ? ' (meta)' : ''}`, error, checked.success ? result.meta[index] : line).join('; ');
    }
  });
  return {
    format,
    aggregate: options.aggregate ?? 'per-vote',
    data: toJsonl(lines),
    meta: toJsonl(meta),
    lines: lines.length,
    votes: votes.length,
    skipped: { ...result.skipped, deletedPrompt: votes.length - exportable.length, invalidLines: result.lines.length - lines.length },
    firstProblem,
  };
}
