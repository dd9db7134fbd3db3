// Counts one leaderboard in a worker thread, on its own store connection: the count reads every vote and
// ballot, so its memory (hundreds of MB at a year of votes) goes back with the thread, and its seconds of
// fitting never hold up the bot's event loop (reactions, heartbeats).
import { parentPort, workerData } from 'node:worker_threads';
import { createComparisonStore } from '../records/comparisons/comparison-store.js';
import { publishedGuildIds } from '../records/published-guilds.js';
import { buildLeaderboardFromStream } from '../ratings/build-leaderboard.js';
import { openStore } from '../store/open-store.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { StoreOpenError } from '../store/backend.js';
import { votesWithBallots } from '../records/votes/voted-comparisons.js';
import { createVoteLedger } from '../records/votes/vote-ledger.js';
import { CountJobSchema, type CountReply } from './count-job.js';

async function count(): Promise<CountReply> {
  const job = CountJobSchema.parse(workerData);
  const store = await openStore(job.store);
  try {
    const { guildId, published } = job.request;
    // Read once, so the board and the dataset written with it cover the same servers.
    const guildIds = published === true ? await publishedGuildIds(store) : undefined;
    const scope = { ...(guildId === null ? {} : { guildId }), ...(guildIds === undefined ? {} : { guildIds }) };
    const stores = { votes: createVoteLedger(store), comparisons: createComparisonStore(store) };
    const board = await buildLeaderboardFromStream(votesWithBallots(stores.votes, stores.comparisons, scope), job.request.options);
    if (job.datasetPath !== undefined) {
      // Loaded only here: the exporters and the PII filter's phone metadata would slow every other count's start.
      const { writePublishedDataset } = await import('../export/published-dataset.js');
      await writePublishedDataset(stores, guildIds ?? new Set(), job.datasetPath);
    }
    return { ok: true, board };
  } finally {
    await store.close();
  }
}

// Opening the store wraps the driver's error: a refused connection there is an outage like any other.
const unreachable = (error: unknown) => isStoreUnavailable(error) || (error instanceof StoreOpenError && isStoreUnavailable(error.cause));

const reply = await count().catch((error: unknown): CountReply => ({
  ok: false,
  message: error instanceof Error ? error.message : String(error),
  storeUnavailable: unreachable(error),
}));
parentPort?.postMessage(reply);
