// Run as its own Node process by usage-limits.test.ts: opens the store named on the command line, says "ready",
// waits for "go" on stdin (so both processes write at the same moment), then records `count` run costs at once.
import { once } from 'node:events';
import { createUsageLimits } from '../../src/limits/usage-limits.js';
import { openStore, type StoreOptions } from '../../src/store/open-store.js';

interface WorkerTask {
  options: StoreOptions;
  guildId: string;
  runPrefix: string;
  count: number;
  costUsd: number;
  now: string;
}

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
const store = await openStore(task.options);
try {
  const limits = createUsageLimits(store);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  await Promise.all(
    Array.from({ length: task.count }, (_, index) =>
      limits.recordCost({ guildId: task.guildId, runId: `${task.runPrefix}-${index}`, costUsd: task.costUsd, now: new Date(task.now) }),
    ),
  );
} finally {
  await store.close();
}
