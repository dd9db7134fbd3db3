// The public page's dataset: trl-dpo lines from the servers that publish (PII-filtered, as every export), written
// into the data directory once per recount of the published board and served from there, so a download never
// reads the store. The new file replaces the old one by rename: a download sees one whole file or the other.
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ComparisonStore } from '../records/comparisons/comparison-store.ts';
import { openPrivateFile } from '../store/private-files.ts';
import type { VoteLedger } from '../records/votes/vote-ledger.ts';
import { writeExport, type ExportBatch, type ExportSummary } from './export-files.ts';
import { storeExportBatches } from './store-export-batches.ts';

const PUBLISHED_DATASET_FILE = 'published-trl-dpo.jsonl';

export const publishedDatasetPath = (dataDir: string): string => path.join(dataDir, PUBLISHED_DATASET_FILE);

/** Votes cast in, and comparisons made in, one of `guildIds`: both must be a publishing server's. */
async function* publishedBatches(
  votes: VoteLedger,
  comparisons: ComparisonStore,
  guildIds: ReadonlySet<string>,
): AsyncGenerator<ExportBatch> {
  const published = (guildId: string | null) => guildId !== null && guildIds.has(guildId);
  for await (const batch of storeExportBatches(votes, comparisons, { guildIds })) {
    yield { votes: batch.votes, comparisons: batch.comparisons.filter((comparison) => published(comparison.guildId)) };
  }
}

export async function writePublishedDataset(
  stores: { votes: VoteLedger; comparisons: ComparisonStore },
  guildIds: ReadonlySet<string>,
  target: string,
): Promise<ExportSummary> {
  const temporary = `${target}.${randomUUID()}.tmp`;
  // Owner-only like everything in DATA_DIR: the page serves it, nobody else on the machine needs to read it.
  const file = (await openPrivateFile(temporary, 'w')).createWriteStream();
  try {
    const summary = await writeExport('trl-dpo', publishedBatches(stores.votes, stores.comparisons, guildIds), {
      async write(line) {
        if (!file.write(line)) await once(file, 'drain');
      },
    });
    file.end();
    await once(file, 'finish');
    await rename(temporary, target);
    return summary;
  } catch (error) {
    file.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
