// Coalesces frequent updates of one Discord message into at most one edit per interval (Discord allows
// about 5 edits per 5 s per channel), skips payloads identical to the last one sent, and lets the
// caller await the final state with `flush`.
export interface ThrottledEditor<Payload> {
  /** Queues the latest payload; older queued payloads are dropped. */
  update(payload: Payload): void;
  /** Sends the latest payload now (if it differs from the last sent) and waits for every edit to finish. */
  flush(): Promise<void>;
  /** Records a payload the caller sent itself (the first reply): the next edit waits its interval and skips it if equal. */
  sentElsewhere(payload: Payload): void;
}

export function createThrottledEditor<Payload>(
  send: (payload: Payload) => Promise<unknown>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): ThrottledEditor<Payload> {
  let pending: Payload | undefined;
  let lastSentKey: string | undefined;
  let lastSentAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  const sendPending = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const payload = pending;
    pending = undefined;
    if (payload === undefined) return chain;
    const key = JSON.stringify(payload);
    chain = chain.then(async () => {
      if (key === lastSentKey) return;
      lastSentAt = Date.now();
      try {
        await send(payload);
        lastSentKey = key;
      } catch (error) {
        options.onError(error);
      }
    });
    return chain;
  };

  return {
    update(payload) {
      pending = payload;
      if (timer) return;
      const wait = Math.max(0, lastSentAt + options.intervalMs - Date.now());
      timer = setTimeout(() => void sendPending(), wait);
    },
    flush: () => sendPending(),
    sentElsewhere(payload) {
      lastSentKey = JSON.stringify(payload);
      lastSentAt = Date.now();
    },
  };
}
