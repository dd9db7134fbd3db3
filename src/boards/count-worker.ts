// Counts one leaderboard in a worker thread, on its own store connection: the count reads every count record (one
// compact record per comparison with its votes, read in segments of many; filled in first where an older store
// lacks them), so its memory goes back with the thread, and its fitting never holds up the bot's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { publishedGuildIds } from '../records/published-guilds.ts';
import { buildLeaderboardFromBatches } from '../ratings/build-leaderboard.ts';
import { openStore } from '../store/open-store.ts';
import { isStoreUnavailable } from '../store/store-unavailable.ts';
import { StoreOpenError } from '../store/backend.ts';
import { createCountRecords, votesFromCountRecords } from '../records/counting/count-records.ts';
import { CountJobSchema, type CountReply } from './count-job.ts';

async function count(): Promise<CountReply> {
  const job = CountJobSchema.parse(workerData);
  const store = await openStore(job.store);
  try {
    const { guildId, published } = job.request;
    // Read once, so the board and the dataset written with it cover the same servers.
    const guildIds = published === true ? await publishedGuildIds(store) : undefined;
    const scope = { ...(guildId === null ? {} : { guildId }), ...(guildIds === undefined ? {} : { guildIds }) };
    const countRecords = createCountRecords(store);
    await countRecords.ensureComplete();
    const board = await buildLeaderboardFromBatches(votesFromCountRecords(countRecords, scope), job.request.options);
    if (job.datasetPath !== undefined) {
      // Loaded only here: the exporters, the PII filter's phone metadata and the writers' tokenizer (answer features)
      // would slow every other count's start.
      const [{ writePublishedDataset }, { createVoteLedger }, { createComparisonStore }] = await Promise.all([
        import('../export/published-dataset.ts'),
        import('../records/votes/vote-ledger.ts'),
        import('../records/comparisons/comparison-store.ts'),
      ]);
      const stores = { votes: createVoteLedger(store), comparisons: createComparisonStore(store) };
      await writePublishedDataset(stores, guildIds ?? new Set(), job.datasetPath);
    }
    return { ok: true, board };
  } finally {
    await store.close();
  }
}

// Opening the store wraps the driver's error: a refused connection there is an outage like any other.
const unreachable = (error: unknown) =>
  isStoreUnavailable(error) || (error instanceof StoreOpenError && isStoreUnavailable(error.cause));

const reply = await count().catch((error: unknown): CountReply => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
  storeUnavailable: unreachable(error),
}));
parentPort?.postMessage(reply);
