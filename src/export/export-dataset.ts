// One entry point over every format, for the CLI and the /export command: pick a format by name.
import { type ExportComparisonSource, toExportComparisonMap } from './export-comparison.ts';
import type { VoteRecord } from '../records/votes/vote.ts';
import { exportHhRlhf } from './formats/export-hh-rlhf.ts';
import { exportKto } from './formats/export-kto.ts';
import { exportOpenAiDpo } from './formats/export-openai-dpo.ts';
import { exportRaw } from './formats/export-raw.ts';
import { redactComparison } from './redact-mentions.ts';
import type { ExportResult } from './export-result.ts';
import { exportTrlDpoChat } from './formats/export-trl-dpo-chat.ts';
import { exportTrlDpo } from './formats/export-trl-dpo.ts';
import type { EXPORT_LINE_SCHEMAS, ExportFormat } from './schemas.ts';
import type { ExportOptions } from './select-decisions.ts';
import type { z } from 'zod';

export type ExportLine = z.infer<(typeof EXPORT_LINE_SCHEMAS)[ExportFormat]>;

type Exporters = {
  [Format in ExportFormat]: (
    votes: readonly VoteRecord[],
    comparisons: ExportComparisonSource,
    options?: ExportOptions,
  ) => ExportResult<z.infer<(typeof EXPORT_LINE_SCHEMAS)[Format]>>;
};

const EXPORTERS: Exporters = {
  'trl-dpo': exportTrlDpo,
  'trl-dpo-chat': exportTrlDpoChat,
  'hh-rlhf': exportHhRlhf,
  'openai-dpo': exportOpenAiDpo,
  kto: exportKto,
  raw: exportRaw,
};

export function exportDataset(
  format: ExportFormat,
  votes: readonly VoteRecord[],
  comparisons: ExportComparisonSource,
  options: ExportOptions = {},
): ExportResult<ExportLine> {
  const redacted = [...toExportComparisonMap(comparisons).values()].map(redactComparison);
  return EXPORTERS[format](votes, redacted, options);
}
