// Tracks running comparisons and chat answers so a shutdown can let them finish (or cancel them after a
// grace period, which still persists their slots as cancelled) instead of dropping them.
export interface InflightWork {
  /** Runs `work` with a signal that fires when shutdown gives up waiting. */
  track<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  readonly size: number;
  /** Waits up to `graceMs` for running work, then cancels the rest and waits for it to wind down. */
  drain(graceMs: number): Promise<void>;
}

export function createInflightWork(): InflightWork {
  const running = new Set<Promise<unknown>>();
  const controller = new AbortController();
  return {
    track(work) {
      const promise = work(controller.signal);
      running.add(promise);
      void promise.finally(() => running.delete(promise)).catch(() => {});
      return promise;
    },
    get size() {
      return running.size;
    },
    async drain(graceMs) {
      const settled = Promise.allSettled([...running]);
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
      if ((await Promise.race([settled, timer])) === 'timeout') {
        controller.abort();
        await Promise.allSettled([...running]);
      }
    },
  };
}
