// Run as its own Node process by store-processes.test.ts: once told to go, `count` distinct users vote on one
// comparison at once, each changing their mind once.
import type { StoreOptions } from '../../src/store/open-store.ts';
import { createVoteLedger } from '../../src/records/votes/vote-ledger.ts';
import { runStoreWorker } from '../fakes/store-worker.ts';

interface WorkerTask {
  options: StoreOptions;
  comparisonId: string;
  voterPrefix: string;
  count: number;
}

await runStoreWorker<WorkerTask>(async (store, task) => {
  const ledger = createVoteLedger(store);
  await Promise.all(
    Array.from({ length: task.count }, async (_, index) => {
      const event = {
        comparisonId: task.comparisonId,
        voterHash: `${task.voterPrefix}-${index}`,
        guildId: 'guild-1',
        afterReveal: false,
        at: new Date(),
      };
      await ledger.applyReaction({ ...event, choice: { kind: 'pick', slot: 0 } }, 'add');
      await ledger.applyReaction({ ...event, choice: { kind: 'pick', slot: 1 } }, 'add');
    }),
  );
});
