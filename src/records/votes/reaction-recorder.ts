// Takes every vote reaction event and makes sure it lands in the store, in arrival order, even through a store
// outage: an event the store cannot take goes to the local journal, and while anything waits there every later
// event queues behind it, so "add 🇦, remove 🇦" can never be applied the other way round. A replay loop retries
// with backoff until the store answers. The outage is logged once when it starts (with its cause) and once when
// it ends (with how many events were replayed).
import type { Logger } from '../../base/logger.ts';
import { isStoreUnavailable, unavailableCause } from '../../store/store-unavailable.ts';
import type { JournaledReaction, ReactionJournal } from './reaction-journal.ts';

export interface ReactionRecorder {
  /** Resolves once the store has taken the event, applied or dropped ('stored'), or it waits on disk ('journaled'). */
  record(event: JournaledReaction): Promise<'stored' | 'journaled'>;
  /**
   * When this process last received a reaction of `voterHash` on `messageId` (ms since 1970), if recently: one that
   * was applied or is still on its way to the store. A reaction that changed no vote leaves no receipt, so
   * reconciliation repairs that voter from Discord instead of waiting for a live event that will never land.
   */
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
  /**
   * Writes one event to the store and says whether it changed the ledger (false: it was dropped, e.g. on a
   * message that is no comparison); throws a store-unavailable error while the store cannot be reached.
   */
  apply(event: JournaledReaction): Promise<boolean>;
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

/** One received event: `earlier` is the receipt it replaced, kept while this one may still turn out dropped. */
interface Receipt {
  at: number;
  earlier: Receipt | undefined;
  dropped: boolean;
}

/** An event's fate is known: an applied one stands on its own, a dropped one hands back to the receipt before it. */
function settle(receipt: Receipt | undefined, applied: boolean): void {
  if (receipt === undefined) return;
  if (applied) receipt.earlier = undefined;
  else receipt.dropped = true;
}

export function createReactionRecorder(options: ReactionRecorderOptions): ReactionRecorder {
  const { journal, apply, log } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  let outage = false;
  let closed = false;
  let draining: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let waiters: Array<() => void> = [];
  const storeBackListeners: Array<() => void> = [];
  const receipts = new Map<string, Receipt>();
  // Receipts of events waiting in the journal, settled when the replay applies them.
  const journaledReceipts = new WeakMap<JournaledReaction, Receipt>();
  const noteReceipt = (event: JournaledReaction): Receipt => {
    if (receipts.size >= RECEIPTS_KEPT) {
      const old = Date.now() - RECEIPT_AGE_MS;
      for (const [key, receipt] of receipts) if (receipt.at < old) receipts.delete(key);
    }
    const key = `${event.messageId}:${event.voterHash}`;
    const receipt = { at: Date.now(), earlier: receipts.get(key), dropped: false };
    receipts.set(key, receipt);
    return receipt;
  };

  const beginOutage = (error: unknown) => {
    if (outage) return;
    outage = true;
    options.setStoreUp(false);
    log.warn(
      `store unavailable (${unavailableCause(error)}); votes are kept in ${journal.path} until it answers again`,
    );
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
            settle(journaledReceipts.get(event), await apply(event));
          } catch (error) {
            if (isStoreUnavailable(error)) throw error;
            settle(journaledReceipts.get(event), false);
            // Not the store's absence: retrying would fail the same way and hold up every vote behind it.
            log.error('a journaled reaction could not be applied and was dropped', error, {
              messageId: event.messageId,
            });
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
    log.info(
      `${journal.pending.length} reaction(s) journaled by an earlier run wait in ${journal.path}; replaying them first`,
    );
    kick();
  }

  return {
    async record(event) {
      const receipt = noteReceipt(event);
      if (journal.pending.length === 0 && draining === undefined) {
        try {
          settle(receipt, await apply(event));
          return 'stored';
        } catch (error) {
          if (!isStoreUnavailable(error)) {
            settle(receipt, false);
            throw error;
          }
          beginOutage(error);
        }
      }
      journaledReceipts.set(event, receipt);
      await journal.append(event);
      kick();
      return 'journaled';
    },
    lastEventAt(messageId, voterHash) {
      let receipt = receipts.get(`${messageId}:${voterHash}`);
      while (receipt?.dropped === true) receipt = receipt.earlier;
      return receipt?.at;
    },
    whenStoreBack: (listener) => void storeBackListeners.push(listener),
    settled: () =>
      draining === undefined && journal.pending.length === 0
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push(resolve)),
    async close() {
      closed = true;
      wake?.();
      await draining;
      await journal.close();
    },
  };
}
