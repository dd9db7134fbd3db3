// For /export: the export is written to a temporary folder as it is made (memory stays flat), then read back
// only when it fits in one Discord upload; the folder is always removed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeExport, type ExportBatch, type ExportSummary } from './export-files.ts';
import { openJsonlFileSink } from './jsonl-file-sink.ts';
import type { ExportFormat } from './schemas.ts';
import type { ExportOptions } from './select-decisions.ts';

export type ExportUpload = { data: Buffer; meta: Buffer } | { tooBig: number };

export async function exportToTemporaryFiles(
  format: ExportFormat,
  batches: AsyncIterable<ExportBatch>,
  options: ExportOptions,
  maxBytes: number,
): Promise<{ summary: ExportSummary; upload: ExportUpload }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'dialog-lab-export-'));
  try {
    const dataPath = path.join(folder, 'data.jsonl');
    const metaPath = path.join(folder, 'meta.jsonl');
    const sink = await openJsonlFileSink(dataPath, metaPath);
    const summary = await writeExport(format, batches, sink, options).finally(() => sink.close());
    if (sink.bytes > maxBytes) return { summary, upload: { tooBig: sink.bytes } };
    return { summary, upload: { data: await readFile(dataPath), meta: await readFile(metaPath) } };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
