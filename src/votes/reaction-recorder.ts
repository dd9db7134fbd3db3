// Takes every vote reaction event and makes sure it lands in the store, in arrival order, even through a store
// outage: an event the store cannot take goes to the local journal, and while anything waits there every later
// event queues behind it, so "add 🇦, remove 🇦" can never be applied the other way round. A replay loop retries
// with backoff until the store answers. The outage is logged once when it starts (with its cause) and once when
// it ends (with how many events were replayed).
import type { Logger } from '../log/logger.js';
import { isStoreUnavailable, unavailableCause } from '../store/store-unavailable.js';
import type { JournaledReaction, ReactionJournal } from './reaction-journal.js';

export interface ReactionRecorder {
  /** Resolves once the event is in the store ('stored') or on disk waiting for it ('journaled'). */
  record(event: JournaledReaction): Promise<'stored' | 'journaled'>;
  /** When this process last received a reaction of `voterHash` on `messageId` (ms since 1970), if recently. */
  lastEventAt(messageId: string, voterHash: string): number | undefined;
  /** `listener` runs each time an outage ends and its journal is replayed (e.g. to reconcile with Discord). */
  whenStoreBack(listener: () => void): void;
  /** Resolves when nothing waits in the journal any more. */
  settled(): Promise<void>;
  /** Stops replaying; whatever is still journaled is replayed by the next start. */
  close(): Promise<void>;
}

export interface ReactionRecorderOptions {
  journal: ReactionJournal;
  /** Writes one event to the store; throws a store-unavailable error while the store cannot be reached. */
  apply(event: JournaledReaction): Promise<void>;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  setStoreUp(up: boolean): void;
  retry?: { firstMs: number; maxMs: number };
}

// The store is probed by the replay itself: first after a quarter second, then at most every 2 s.
const DEFAULT_RETRY = { firstMs: 250, maxMs: 2_000 };
// Events replayed together; different voters' events in a batch go to the store concurrently.
const REPLAY_BATCH = 100;
// Receipt times are kept for reconciliation, which must not undo a change newer than its view of Discord; past
// this many, those older than an hour are forgotten.
const RECEIPTS_KEPT = 10_000;
const RECEIPT_AGE_MS = 3_600_000;

export function createReactionRecorder(options: ReactionRecorderOptions): ReactionRecorder {
  const { journal, apply, log } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  let outage = false;
  let closed = false;
  let draining: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let waiters: Array<() => void> = [];
  const storeBackListeners: Array<() => void> = [];
  const receipts = new Map<string, number>();
  const noteReceipt = (event: JournaledReaction) => {
    if (receipts.size >= RECEIPTS_KEPT) {
      const old = Date.now() - RECEIPT_AGE_MS;
      for (const [key, at] of receipts) if (at < old) receipts.delete(key);
    }
    receipts.set(`${event.messageId}:${event.voterHash}`, Date.now());
  };

  const beginOutage = (error: unknown) => {
    if (outage) return;
    outage = true;
    options.setStoreUp(false);
    log.warn(`store unavailable (${unavailableCause(error)}); votes are kept in ${journal.path} until it answers again`);
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Applies the oldest `REPLAY_BATCH` events: different voters' at once, each voter's one after another. */
  const replayBatch = async (batch: readonly JournaledReaction[]) => {
    const byVoter = new Map<string, JournaledReaction[]>();
    for (const event of batch) {
      const key = `${event.messageId}:${event.voterHash}`;
      byVoter.set(key, [...(byVoter.get(key) ?? []), event]);
    }
    const outcomes = await Promise.allSettled(
      [...byVoter.values()].map(async (events) => {
        for (const event of events) {
          try {
            await apply(event);
          } catch (error) {
            if (isStoreUnavailable(error)) throw error;
            // Not the store's absence: retrying would fail the same way and hold up every vote behind it.
            log.error('a journaled reaction could not be applied and was dropped', error, { messageId: event.messageId });
          }
        }
      }),
    );
    return outcomes.find((outcome) => outcome.status === 'rejected')?.reason as unknown;
  };

  const drain = async () => {
    let replayed = 0;
    let delay = retry.firstMs;
    while (!closed) {
      const batch = journal.pending.slice(0, REPLAY_BATCH);
      if (batch.length === 0) {
        await journal.compact();
        if (journal.pending.length > 0) continue;
        break;
      }
      const failure = await replayBatch(batch);
      if (failure === undefined) {
        for (let count = 0; count < batch.length; count += 1) journal.shift();
        replayed += batch.length;
        delay = retry.firstMs;
      } else {
        // The whole batch is tried again: replaying a voter's events from their first one again is harmless.
        beginOutage(failure);
        await pause(delay);
        delay = Math.min(delay * 2, retry.maxMs);
      }
    }
    if (closed) return;
    if (outage) {
      outage = false;
      options.setStoreUp(true);
      log.info(`store is back; replayed ${replayed} journaled reaction(s)`);
      for (const listener of storeBackListeners) listener();
    } else if (replayed > 0) {
      log.info(`replayed ${replayed} reaction(s) journaled by an earlier run`);
    }
  };

  const kick = () => {
    draining ??= drain().finally(() => {
      draining = undefined;
      // An event appended between the last check and now would otherwise wait for the next outage.
      if (!closed && journal.pending.length > 0) return kick();
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    });
  };

  if (journal.pending.length > 0) {
    log.info(`${journal.pending.length} reaction(s) journaled by an earlier run wait in ${journal.path}; replaying them first`);
    kick();
  }

  return {
    async record(event) {
      noteReceipt(event);
      if (journal.pending.length === 0 && draining === undefined) {
        try {
          await apply(event);
          return 'stored';
        } catch (error) {
          if (!isStoreUnavailable(error)) throw error;
          beginOutage(error);
        }
      }
      await journal.append(event);
      kick();
      return 'journaled';
    },
    lastEventAt: (messageId, voterHash) => receipts.get(`${messageId}:${voterHash}`),
    whenStoreBack: (listener) => void storeBackListeners.push(listener),
    settled: () => (draining === undefined && journal.pending.length === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    async close() {
      closed = true;
      wake?.();
      await draining;
      await journal.close();
    },
  };
}
