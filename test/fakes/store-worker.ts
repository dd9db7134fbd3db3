// Store work in a separate Node process, for tests that need two processes writing one store at the same
// moment. Parent side: `startStoreWorker` spawns a worker script with its task and holds it at a start line.
// Worker side: `runStoreWorker` opens the store, says "ready", waits for "go", does the work, closes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { openStore, type Store } from '../../src/store/open-store.ts';
import type { StoreOptions } from '../../src/store/open-store.ts';

export interface StoreWorker {
  /** Resolves once the worker has opened its store (or died trying: `done` then reports the exit code). */
  ready: Promise<void>;
  done: Promise<{ code: number | null; stderr: string }>;
  go(): void;
}

export function startStoreWorker(
  script: string,
  task: { options: StoreOptions } & Record<string, unknown>,
): StoreWorker {
  const child = spawn(process.execPath, [script, JSON.stringify(task)], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  const ready = new Promise<void>((resolve) => {
    child.stdout.once('data', () => resolve());
    void done.then(() => resolve());
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

export async function runStoreWorker<Task extends { options: StoreOptions }>(
  work: (store: Store, task: Task) => Promise<void>,
): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as Task;
  const store = await openStore(task.options);
  try {
    process.stdout.write('ready\n');
    await once(process.stdin, 'data');
    await work(store, task);
  } finally {
    await store.close();
  }
}
