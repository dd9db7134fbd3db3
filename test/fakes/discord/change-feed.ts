// Lets tests wait for the fake's state to reach a condition instead of sleeping: every mutation calls notify(),
// and pending checks run once per microtask batch, so a burst of 1000 reactions costs one pass, not 1000.

/** Checks run synchronously against the fake's state: a check returning a promise would pass at once, so it does not compile. */
export type Check<T> = () => (T extends PromiseLike<unknown> ? never : T) | undefined | null | false;

interface Waiter {
  run(): boolean;
  fail(error: Error): void;
}

export interface ChangeFeed {
  notify(): void;
  waitFor<T>(check: Check<T>, options: { timeoutMs?: number; description: string }): Promise<T>;
  /** Rejects every pending wait; used by close(). */
  closeAll(reason: string): void;
}

export const DEFAULT_WAIT_MS = 5_000;

export function createChangeFeed(describeState: () => string): ChangeFeed {
  const waiters = new Set<Waiter>();
  let scheduled = false;

  const runAll = (): void => {
    scheduled = false;
    for (const waiter of [...waiters]) if (waiter.run()) waiters.delete(waiter);
  };

  return {
    notify() {
      if (scheduled || waiters.size === 0) return;
      scheduled = true;
      queueMicrotask(runAll);
    },
    waitFor<T>(
      check: Check<T>,
      { timeoutMs = DEFAULT_WAIT_MS, description }: { timeoutMs?: number; description: string },
    ) {
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {
          run() {
            let value: T | undefined | null | false;
            try {
              value = check();
            } catch (error) {
              clearTimeout(timer);
              reject(error instanceof Error ? error : new Error(String(error)));
              return true;
            }
            if (value === undefined || value === null || value === false) return false;
            clearTimeout(timer);
            resolve(value);
            return true;
          },
          fail(error) {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${description}\n${describeState()}`),
          );
        }, timeoutMs);
        if (!waiter.run()) waiters.add(waiter);
      });
    },
    closeAll(reason) {
      for (const waiter of waiters) waiter.fail(new Error(`fake discord: ${reason}`));
      waiters.clear();
    },
  };
}
