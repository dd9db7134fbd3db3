// `npm run export -- --card`: every chosen format into one folder (`<format>.jsonl` and its `<format>.meta.jsonl`
// sidecar), then the dataset card (README.md) and croissant.json beside them, all readable by their owner only.
// The store is read once per format and once more for the card's facts, so memory stays one batch.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir, openPrivateFile } from '../../store/private-files.ts';
import { writeExport, type ExportBatch, type ExportSummary } from '../export-files.ts';
import { openJsonlFileSink } from '../jsonl-file-sink.ts';
import { EXPORT_LINE_SCHEMAS, ExportMetaLine, type ExportFormat } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';
import { buildCroissant } from './croissant.ts';
import { collectDatasetFacts } from './dataset-facts.ts';
import { renderDatasetCard } from './hf-dataset-card.ts';
import {
  PublishedExportSchema,
  type ExportedFile,
  type Publication,
  type PublishedExport,
} from './published-export.ts';
import { recordFieldsOf } from './record-fields.ts';

export const CARD_FILE = 'README.md';
export const CROISSANT_FILE = 'croissant.json';

export interface ExportWithCard {
  summaries: ExportSummary[];
  model: PublishedExport;
  /** Every file written, data and sidecars first, then the card and croissant.json. */
  written: string[];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function describeFile(
  dir: string,
  file: Omit<ExportedFile, 'bytes' | 'sha256' | 'fields'>,
): Promise<ExportedFile> {
  const full = path.join(dir, file.path);
  const schema = file.kind === 'data' ? EXPORT_LINE_SCHEMAS[file.format] : ExportMetaLine;
  return { ...file, bytes: (await stat(full)).size, sha256: await sha256Of(full), fields: recordFieldsOf(schema) };
}

async function writePrivateText(file: string, text: string): Promise<void> {
  const handle = await openPrivateFile(file, 'w');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

export async function exportWithCard(
  dir: string,
  formats: readonly ExportFormat[],
  batches: () => AsyncIterable<ExportBatch>,
  options: ExportOptions & { guildId: string | null },
  publication: Publication,
): Promise<ExportWithCard> {
  await makePrivateDir(dir);
  const summaries: ExportSummary[] = [];
  const files: Omit<ExportedFile, 'bytes' | 'sha256' | 'fields'>[] = [];
  for (const format of formats) {
    const dataPath = `${format}.jsonl`;
    const metaPath = `${format}.meta.jsonl`;
    const sink = await openJsonlFileSink(path.join(dir, dataPath), path.join(dir, metaPath));
    const summary = await writeExport(format, batches(), sink, options).finally(() => sink.close());
    summaries.push(summary);
    files.push({ path: dataPath, config: format, format, kind: 'data', rows: summary.lines });
    files.push({ path: metaPath, config: `${format}-meta`, format, kind: 'meta', rows: summary.lines });
  }
  const model = PublishedExportSchema.parse({
    publication,
    selection: {
      guildId: options.guildId,
      since: options.since ?? null,
      includeAfterReveal: options.includeAfterReveal ?? false,
      includeDirectMessages: options.includeDirectMessages ?? false,
      aggregate: options.aggregate ?? 'per-vote',
    },
    files: await Promise.all(files.map((file) => describeFile(dir, file))),
    facts: await collectDatasetFacts(batches(), options),
  });
  await writePrivateText(path.join(dir, CARD_FILE), renderDatasetCard(model));
  await writePrivateText(path.join(dir, CROISSANT_FILE), `${JSON.stringify(buildCroissant(model), null, 2)}\n`);
  return { summaries, model, written: [...files.map((file) => file.path), CARD_FILE, CROISSANT_FILE] };
}
