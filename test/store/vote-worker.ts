// Run as its own Node process by store-processes.test.ts: opens the store named on the command line, says
// "ready", waits for "go" on stdin (so both processes write at the same moment), then has `count` distinct users
// vote on one comparison at once, each changing their mind once.
import { once } from 'node:events';
import { openStore, type StoreOptions } from '../../src/store/open-store.js';
import { createVoteLedger } from '../../src/votes/vote-ledger.js';

interface WorkerTask {
  options: StoreOptions;
  comparisonId: string;
  voterPrefix: string;
  count: number;
}

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
const store = await openStore(task.options);
try {
  const ledger = createVoteLedger(store);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
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
} finally {
  await store.close();
}
