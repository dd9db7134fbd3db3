// Runs count-worker.ts in a worker thread and resolves to its board once the thread has ended. One thread per
// count: its heap, grown by reading a year of votes, is freed when it ends, so the bot's memory stays where it was.
import { Worker } from 'node:worker_threads';
import type { Leaderboard } from '../ratings/leaderboard.ts';
import { CountReplySchema, type CountJob, type CountReply } from './count-job.ts';

const STOPPED = 'counting stopped: shutting down';
// A count makes a few short-lived objects per vote; its young generation is set rather than left to the worker's
// defaults so the bench measures what the bot runs. 48 MB (semi-spaces of 16 MB): 96 MB bought no time at 150,000
// votes and cost about 40 MB of peak memory.
export const COUNT_YOUNG_GENERATION_MB = 48;

/** A count that failed in the worker; `storeUnavailable` when it could not reach the store. */
export class CountFailedError extends Error {
  readonly storeUnavailable: boolean;

  constructor(message: string, storeUnavailable: boolean) {
    super(message);
    this.storeUnavailable = storeUnavailable;
    this.name = 'CountFailedError';
  }
}

/** `signal` ends the count early (the bot is shutting down): the thread is terminated and the promise rejects. */
export function countInWorker(job: CountJob, signal?: AbortSignal): Promise<Leaderboard> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error(STOPPED));
    const worker = new Worker(new URL('./count-worker.ts', import.meta.url), {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: COUNT_YOUNG_GENERATION_MB },
    });
    let reply: CountReply | undefined;
    let failure: Error | undefined;
    const stop = () => {
      failure = new Error(STOPPED);
      void worker.terminate();
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (message: unknown) => {
      const parsed = CountReplySchema.safeParse(message);
      if (parsed.success) reply = parsed.data;
      else failure = new Error(`the counting worker sent an unreadable reply: ${parsed.error.message}`);
    });
    worker.once('error', (error) => {
      failure ??= error;
    });
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (failure !== undefined) reject(failure);
      else if (reply === undefined)
        reject(new Error(`the counting worker stopped (exit code ${code}) before it sent a board`));
      else if (reply.ok) resolve(reply.board);
      else reject(new CountFailedError(`counting the leaderboard failed: ${reply.message}`, reply.storeUnavailable));
    });
  });
}
