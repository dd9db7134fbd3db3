// Runs async tasks one after another per key, in the order they were queued, while tasks under different
// keys run freely. This is what keeps two reactions of one user, handled at the same time, in arrival order.

export interface KeyedQueue {
  run<Result>(key: string, task: () => Promise<Result>): Promise<Result>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<Result>(key: string, task: () => Promise<Result>): Promise<Result> {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed task must not block the ones queued behind it, so the chain continues on either outcome.
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
