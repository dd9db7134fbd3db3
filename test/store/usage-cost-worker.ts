// Run as its own Node process by usage-limits.test.ts: once told to go, records `count` run costs at once.
import { createUsageLimits } from '../../src/records/quotas/usage-limits.ts';
import type { StoreOptions } from '../../src/store/open-store.ts';
import { runStoreWorker } from '../fakes/store-worker.ts';

interface WorkerTask {
  options: StoreOptions;
  guildId: string;
  runPrefix: string;
  count: number;
  costUsd: number;
  now: string;
}

await runStoreWorker<WorkerTask>(async (store, task) => {
  const limits = createUsageLimits(store);
  await Promise.all(
    Array.from({ length: task.count }, (_, index) =>
      limits.recordCost({
        guildId: task.guildId,
        runId: `${task.runPrefix}-${index}`,
        costUsd: task.costUsd,
        now: new Date(task.now),
      }),
    ),
  );
});
