// Two bot processes voting on one comparison through one store must not lose each other's votes.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createComparisonStore } from '../../src/records/comparisons/comparison-store.ts';
import { buildLeaderboardFromBatches, buildLeaderboardFromStream } from '../../src/ratings/build-leaderboard.ts';
import { createCountRecords, votesFromCountRecords } from '../../src/records/counting/count-records.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import { votesWithBallots } from '../../src/records/votes/voted-comparisons.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';
import { startStoreWorker, type StoreWorker } from '../fakes/store-worker.ts';
import type { StoreOptions } from '../../src/store/open-store.ts';

const WORKER = fileURLToPath(new URL('./vote-worker.ts', import.meta.url));
const VOTERS_PER_PROCESS = 200;

function startWorker(options: StoreOptions, voterPrefix: string): StoreWorker {
  return startStoreWorker(WORKER, {
    options,
    comparisonId: 'shared-comparison',
    voterPrefix,
    count: VOTERS_PER_PROCESS,
  });
}

describe.each(STORE_BACKENDS)('two processes sharing the $name store', (backend) => {
  const fixture = useStoreFixture(backend);

  it(`counts all ${2 * VOTERS_PER_PROCESS} votes cast by both processes at once`, async () => {
    // The parent keeps its own store open meanwhile, as a running bot would.
    const store = await fixture.open();
    const ledger = createVoteLedger(store);
    const comparisons = createComparisonStore(store);
    await comparisons.save(aStoredComparison({ id: 'shared-comparison', status: 'done', pipelines: ['plain', 'cot'] }));
    for (const [slot, pipelineId] of ['plain', 'cot'].entries())
      await comparisons.setSlotResult('shared-comparison', slot, aResult(pipelineId));
    const workers = [startWorker(fixture.options(), 'first'), startWorker(fixture.options(), 'second')];
    await Promise.all(workers.map((worker) => worker.ready));
    for (const worker of workers) worker.go();
    const outcomes = await Promise.all(workers.map((worker) => worker.done));
    for (const outcome of outcomes) expect(outcome, outcome.stderr).toMatchObject({ code: 0 });
    const votes = await ledger.votesFor('shared-comparison');
    expect(votes).toHaveLength(2 * VOTERS_PER_PROCESS);
    expect(votes.every((vote) => vote.choice.kind === 'pick' && vote.choice.slot === 1)).toBe(true);
    // The leaderboard, streamed from the store, counts each of them exactly once.
    const board = await buildLeaderboardFromStream(votesWithBallots(ledger, comparisons), { bootstrapRounds: 10 });
    expect(board.counts).toMatchObject({ given: 2 * VOTERS_PER_PROCESS, rated: 2 * VOTERS_PER_PROCESS });
    expect(board.rows.find((row) => row.pipelineId === 'cot')).toMatchObject({
      wins: 2 * VOTERS_PER_PROCESS,
      losses: 0,
    });
    // So does the bot's own count, from the count record both processes kept rewriting as their votes came in.
    const counted = await buildLeaderboardFromBatches(votesFromCountRecords(createCountRecords(store)), {});
    expect(counted.counts).toMatchObject({ given: 2 * VOTERS_PER_PROCESS, rated: 2 * VOTERS_PER_PROCESS });
    expect(counted.rows.find((row) => row.pipelineId === 'cot')).toMatchObject({ wins: 2 * VOTERS_PER_PROCESS });
  }, 30_000);
});
