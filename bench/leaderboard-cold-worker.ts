// One measured cold count of the leaderboard-cold bench, in a fresh process so its time and memory are its own:
// `node bench/leaderboard-cold-worker.ts <old|backfill|new|recount|thread> <json options>`. Prints one JSON line
// with the figures. old: the read path before count records (every vote history and whole ballot, joined in
// batches); backfill: filling in the count records of a store that has none, and their segments; new: counting
// from the segments; recount: the same after ten new votes (their segments rebuilt); all in this process, modules
// loaded. thread: the bot's whole count, a worker thread started for it (loading its modules).
// Default options: style control and sandwich intervals.
import { buildLeaderboardFromBatches, buildLeaderboardFromStream } from '../src/ratings/build-leaderboard.ts';
import { countInWorker } from '../src/boards/count-in-worker.ts';
import { createComparisonStore } from '../src/records/comparisons/comparison-store.ts';
import { createCountRecords, votesFromCountRecords } from '../src/records/counting/count-records.ts';
import { createVoteLedger } from '../src/records/votes/vote-ledger.ts';
import { votesWithBallots } from '../src/records/votes/voted-comparisons.ts';
import { openStore, type StoreOptions } from '../src/store/open-store.ts';
import { comparisonId } from './simulated-store.ts';

const [operation, json] = process.argv.slice(2);
const CHANGED_VOTES = 10;
const { store: storeOptions } = JSON.parse(json ?? '{}') as { store: StoreOptions };
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<Record<string, unknown>> {
  const baseline = rssMb();
  const started = performance.now();
  switch (operation) {
    case 'old': {
      const store = await openStore(storeOptions);
      const board = await buildLeaderboardFromStream(
        votesWithBallots(createVoteLedger(store), createComparisonStore(store)),
        {},
      );
      const ms = performance.now() - started;
      await store.close();
      return { ms, baseline, peak: peakRssMb(), rated: board.counts.rated, top: board.rows[0]?.pipelineId };
    }
    case 'backfill': {
      const store = await openStore(storeOptions);
      const records = createCountRecords(store);
      const written = await records.ensureComplete();
      // The first count after it gathers the records into segments; done here so that `new` times a later count.
      let segmented = 0;
      for await (const record of records.all()) segmented += record.votes.length > 0 ? 1 : 0;
      const ms = performance.now() - started;
      await store.close();
      return { ms, baseline, peak: peakRssMb(), written, segmented };
    }
    case 'new': {
      const store = await openStore(storeOptions);
      const records = createCountRecords(store);
      await records.ensureComplete();
      const board = await buildLeaderboardFromBatches(votesFromCountRecords(records), {});
      const ms = performance.now() - started;
      await store.close();
      return { ms, baseline, peak: peakRssMb(), rated: board.counts.rated, top: board.rows[0]?.pipelineId };
    }
    case 'recount': {
      // New votes on comparisons spread over the store, as between two recounts of a busy bot: each marks its
      // segment, so the count rebuilds those from their records.
      const store = await openStore(storeOptions);
      const ledger = createVoteLedger(store);
      for (let index = 0; index < CHANGED_VOTES; index += 1)
        await ledger.applyReaction(
          {
            comparisonId: comparisonId(index * 997),
            voterHash: 'e'.repeat(64),
            choice: { kind: 'tie' },
            guildId: 'guild-0',
            afterReveal: false,
            at: new Date(),
          },
          'add',
        );
      const from = performance.now();
      const records = createCountRecords(store);
      await records.ensureComplete();
      const board = await buildLeaderboardFromBatches(votesFromCountRecords(records), {});
      const ms = performance.now() - from;
      await store.close();
      return { ms, baseline, peak: peakRssMb(), rated: board.counts.rated, changed: CHANGED_VOTES };
    }
    case 'thread': {
      const board = await countInWorker({ store: storeOptions, request: { guildId: null, options: {} } });
      return {
        ms: performance.now() - started,
        baseline,
        peak: peakRssMb(),
        rated: board.counts.rated,
        top: board.rows[0]?.pipelineId,
      };
    }
    default:
      throw new Error(`unknown operation ${operation}`);
  }
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
