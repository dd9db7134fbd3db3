// Store-wide duties (retention, stored-board recounts) run in exactly one process across every machine sharing the
// store: the one holding this lease. The holder renews it every third of its period; the others look at the same
// pace and take it once it has expired, so a dead holder's duties move within about one period. Taking it is a
// write, a pause and a read back, so of two processes that found it free at once only the later writer keeps it.
import { z } from 'zod';
import type { Logger } from '../base/logger.js';
import type { Store } from '../store/open-store.js';

const DutySchema = z.strictObject({ holder: z.string().min(1), since: z.iso.datetime() });
const KEY = 'store-wide';
export const DUTY_NAMESPACE = 'duty-lease';

export interface DutyLease {
  /** Stops the duties if held, and frees the lease at once for another process. */
  close(): Promise<void>;
}

export interface DutyLeaseOptions {
  /** This process, as other processes see it in the store. */
  holderId: string;
  periodMs: number;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Starts the duties; returns how to stop them (resolving once they have stopped). */
  start(): () => Promise<void>;
}

export function holdDutyLease(store: Store, options: DutyLeaseOptions): DutyLease {
  const duties = store.namespace(DUTY_NAMESPACE, DutySchema);
  const { holderId, periodMs, log } = options;
  // Long enough for a concurrent taker's write to land before the read back; short against the period.
  const settleMs = Math.min(1_000, Math.floor(periodMs / 6));
  let stop: (() => Promise<void>) | undefined;
  let since = new Date().toISOString();
  let closed = false;

  const take = () => {
    if (stop !== undefined || closed) return;
    stop = options.start();
    log.info('store-wide duties (retention, stored-board recounts) taken by this process');
  };
  const drop = (why: string) => {
    if (stop === undefined) return;
    const stopping = stop;
    stop = undefined;
    log.warn(`store-wide duties dropped: ${why}`);
    void stopping().catch((error: unknown) => log.warn(`store-wide duties did not stop cleanly: ${String(error)}`));
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const tick = async () => {
    const current = await duties.get(KEY);
    if (current !== undefined && current.holder !== holderId) return drop(`held by ${current.holder}`);
    if (current === undefined) since = new Date().toISOString();
    await duties.set(KEY, { holder: holderId, since }, periodMs);
    if (stop !== undefined) return;
    await pause(settleMs);
    if ((await duties.get(KEY))?.holder === holderId) take();
  };
  let running = Promise.resolve();
  const run = () => {
    running = running.then(tick).catch((error: unknown) => drop(`the lease could not be renewed (${String(error)})`));
  };
  run();
  const timer = setInterval(run, Math.floor(periodMs / 3));
  timer.unref();

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      if (stop === undefined) return;
      const stopping = stop;
      stop = undefined;
      await stopping();
      log.info('store-wide duties freed: this process is stopping');
      if ((await duties.get(KEY))?.holder === holderId) await duties.delete(KEY);
    },
  };
}
