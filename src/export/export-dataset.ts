// One entry point over every format, for the CLI and the /export command: pick a format by name.
import { type ExportComparisonSource, toExportComparisonMap } from './export-comparison.js';
import type { VoteRecord } from '../records/votes/vote.js';
import { exportHhRlhf } from './formats/export-hh-rlhf.js';
import { exportKto } from './formats/export-kto.js';
import { exportOpenAiDpo } from './formats/export-openai-dpo.js';
import { exportRaw } from './formats/export-raw.js';
import { redactComparison } from './redact-mentions.js';
import type { ExportResult } from './export-result.js';
import { exportTrlDpoChat } from './formats/export-trl-dpo-chat.js';
import { exportTrlDpo } from './formats/export-trl-dpo.js';
import type { EXPORT_LINE_SCHEMAS, ExportFormat } from './schemas.js';
import type { ExportOptions } from './select-decisions.js';
import type { z } from 'zod';

export type ExportLine = z.infer<(typeof EXPORT_LINE_SCHEMAS)[ExportFormat]>;

type Exporters = { [Format in ExportFormat]: (votes: readonly VoteRecord[], comparisons: ExportComparisonSource, options?: ExportOptions) => ExportResult<z.infer<(typeof EXPORT_LINE_SCHEMAS)[Format]>> };

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
