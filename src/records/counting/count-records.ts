// Keeps the count records (count-record.ts) current: every write to a comparison's ballot or to one of its votes
// rewrites that comparison's record from both, before the ratings marker moves, so a recount never reads a record
// older than the mark it is stored under. A store from before count records (or a restore, which leaves derived
// data out) has none: the first count fills them in (`ensureComplete`), streaming, a few hundred at a time.
// A count reads them in segments (count-segment.ts): every record whose id starts with the same character, in one
// value. Each write also rewrites its segment's change mark; a segment carries the mark read before its records
// were, so it is current while the two agree, and a count rebuilds (and stores again) only the segments that moved.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../../store/open-store.ts';
import type { StoreNamespace } from '../../store/store-namespace.ts';
import { createKeyedQueue, type KeyedQueue } from '../../store/keyed-queue.ts';
import { BallotSchema, COMPARISON_NAMESPACES } from '../comparisons/stored-records.ts';
import { liveVoteOf } from '../votes/reaction-list.ts';
import { VoterReactionsSchema } from '../votes/vote-schema.ts';
import type { VoteRecord } from '../votes/vote.ts';
import {
  COUNT_RECORD_VERSION,
  StoredCountRecordSchema,
  countRecordOf,
  readCountRecord,
  type CountRecord,
  type CountVote,
  type StoredCountRecord,
} from './count-record.ts';
import { CountSegmentSchema, decodeSegment, encodeSegment, SEGMENT_VERSION } from './count-segment.ts';

export const COUNT_RECORDS_NAMESPACE = 'count-records';
/** Whether every comparison with votes has its count record: absent in older stores and after a restore. */
export const COUNT_RECORDS_STATE_NAMESPACE = 'count-records-state';
/** Count records in segments (count-segment.ts), each stored under the first character of its comparisons' ids. */
export const COUNT_SEGMENTS_NAMESPACE = 'count-segments';
/** Per segment, a token rewritten after every write to one of its records. */
export const COUNT_SEGMENT_MARKS_NAMESPACE = 'count-segment-marks';
/** `segments`: every record written since has marked its segment (absent in stores from before segments). */
const StateSchema = z.object({
  complete: z.literal(true),
  v: z.literal(COUNT_RECORD_VERSION),
  segments: z.literal(SEGMENT_VERSION).optional(),
});
const STATE_KEY = 'state';
const BACKFILL_BATCH = 500;

export interface CountRecords {
  /** Rewrites one comparison's record from its ballot and live votes (deletes it when the ballot is gone). */
  refresh(comparisonId: string): Promise<void>;
  /** Fills in the records a store lacks (older stores, restores); returns how many were written. */
  ensureComplete(): Promise<number>;
  /** Every record, in key order, a segment at a time; segments that moved are rebuilt from their records and stored. */
  all(): AsyncGenerator<CountRecord>;
  /** The same records, a whole segment per step (read as it is iterated): what a count reads, one await a segment. */
  segments(): AsyncGenerator<Iterable<CountRecord>>;
  /** Forgets every record and that they were complete: the next count fills them in again. */
  clear(): Promise<void>;
}

// One queue per store, shared by the comparison store and the vote ledger, so two refreshes of one comparison
// run in turn and the later one reads what the earlier one's write left.
const queues = new WeakMap<Store, KeyedQueue>();

const segmentOf = (comparisonId: string) => comparisonId.slice(0, 1);

export function createCountRecords(store: Store): CountRecords {
  const records = store.namespace(COUNT_RECORDS_NAMESPACE, StoredCountRecordSchema);
  const state = store.namespace(COUNT_RECORDS_STATE_NAMESPACE, StateSchema);
  const ballots = store.namespace(COMPARISON_NAMESPACES.ballots, BallotSchema);
  const votes = store.namespace('votes', VoterReactionsSchema);
  const marks = store.namespace(COUNT_SEGMENT_MARKS_NAMESPACE, z.string());
  // Read unchecked: a segment another release wrote, or one that does not decode, is rebuilt, not an error.
  const segments = store.namespace(COUNT_SEGMENTS_NAMESPACE, z.unknown());
  const markSegments = (ids: Iterable<string>) =>
    marks.setMany([...new Set([...ids].map(segmentOf))].map((segment) => ({ key: segment, value: randomUUID() })));
  let queue = queues.get(store);
  if (queue === undefined) queues.set(store, (queue = createKeyedQueue()));
  const serial = queue;

  const liveVotesOf = async (comparisonId: string): Promise<VoteRecord[]> => {
    const found: VoteRecord[] = [];
    for await (const [, entry] of votes.entries({ under: comparisonId })) {
      const vote = entry.comparisonId === comparisonId ? liveVoteOf(entry) : null;
      if (vote !== null) found.push(vote);
    }
    return found;
  };

  const writeBatch = async (group: Map<string, VoteRecord[]>): Promise<number> => {
    const ids = [...group.keys()];
    const [known, found] = await Promise.all([records.getMany(ids), ballots.getMany(ids)]);
    // A record already there was written by a live refresh from the whole comparison: newer than this snapshot.
    const entries = ids.flatMap((id, index) => {
      const ballot = found[index];
      return known[index] !== undefined || ballot === undefined
        ? []
        : [{ key: id, value: countRecordOf(ballot, group.get(id)!) }];
    });
    if (entries.length > 0) await records.setMany(entries);
    await markSegments(entries.map((entry) => entry.key));
    return entries.length;
  };

  return {
    refresh: (comparisonId) =>
      serial.run(comparisonId, async () => {
        const [ballot, live] = await Promise.all([ballots.get(comparisonId), liveVotesOf(comparisonId)]);
        if (ballot === undefined) await records.delete(comparisonId);
        else await records.set(comparisonId, countRecordOf(ballot, live));
        await markSegments([comparisonId]);
      }),
    async ensureComplete() {
      const known = await state.get(STATE_KEY);
      if (known?.segments !== undefined) return 0;
      if (known !== undefined) {
        // Complete, but written before segments: mark every segment that has records, so counts find them.
        const ids: string[] = [];
        for await (const [id] of store.namespace(COUNT_RECORDS_NAMESPACE, z.unknown()).entries()) ids.push(id);
        await markSegments(ids);
        await state.set(STATE_KEY, { ...known, segments: SEGMENT_VERSION });
        return 0;
      }
      // Only comparisons with votes count; the others get their record at their next write.
      let written = 0;
      let group = new Map<string, VoteRecord[]>();
      for await (const [, entry] of votes.entries()) {
        const vote = liveVoteOf(entry);
        if (vote === null) continue;
        const list = group.get(vote.comparisonId);
        if (list !== undefined) list.push(vote);
        else {
          if (group.size === BACKFILL_BATCH) {
            written += await writeBatch(group);
            group = new Map();
          }
          group.set(vote.comparisonId, [vote]);
        }
      }
      if (group.size > 0) written += await writeBatch(group);
      await state.set(STATE_KEY, { complete: true, v: COUNT_RECORD_VERSION, segments: SEGMENT_VERSION });
      return written;
    },
    async *all() {
      for await (const segment of this.segments()) yield* segment;
    },
    async *segments() {
      // Marks first: a record written after this read marks its segment again, so no stale segment passes as current.
      const marked = new Map<string, string>();
      for await (const [segment, mark] of marks.entries()) marked.set(segment, mark);
      const rebuilt = async (segment: string, mark: string): Promise<CountRecord[]> => {
        const found: Array<{ id: string; stored: StoredCountRecord }> = [];
        // A one-character id sorts before every other id of its segment, and `after` leaves it out.
        const alone = await records.get(segment);
        if (alone !== undefined) found.push({ id: segment, stored: alone });
        for await (const [id, stored] of records.entries({ after: segment })) {
          if (segmentOf(id) !== segment) break;
          found.push({ id, stored });
        }
        if (found.length === 0) await segments.delete(segment);
        else await segments.set(segment, encodeSegment(mark, found));
        return found.map(({ id, stored }) => readCountRecord(id, stored));
      };
      const current = (value: unknown, mark: string): Iterable<CountRecord> | undefined => {
        const parsed = CountSegmentSchema.safeParse(value);
        if (!parsed.success || parsed.data.mark !== mark) return undefined;
        try {
          return decodeSegment(parsed.data);
        } catch {
          return undefined;
        }
      };
      // Every segment with records is marked (each write marks its own; ensureComplete those of an older store), so
      // the marks list the segments, which are read one at a time: memory holds one segment's text, not all of them.
      for (const segment of [...marked.keys()].sort()) {
        const mark = marked.get(segment)!;
        const value = await segments.get(segment);
        yield (value === undefined ? undefined : current(value, mark)) ?? (await rebuilt(segment, mark));
      }
    },
    async clear() {
      await state.clear();
      await records.clear();
      await segments.clear();
      await marks.clear();
    },
  };
}

/** `namespace`, with every write refreshing the count record of the comparison its key belongs to (after the write). */
export function refreshingCountRecords<Value>(
  namespace: StoreNamespace<Value>,
  countRecords: CountRecords,
  comparisonIdOf: (key: string) => string,
): StoreNamespace<Value> {
  const after = async <Result>(write: Promise<Result>, keys: readonly string[]): Promise<Result> => {
    const result = await write;
    for (const id of new Set(keys.map(comparisonIdOf))) await countRecords.refresh(id);
    return result;
  };
  return {
    ...namespace,
    set: (key, value, ttlMs) => after(namespace.set(key, value, ttlMs), [key]),
    setMany: (entries) =>
      after(
        namespace.setMany(entries),
        entries.map((entry) => entry.key),
      ),
    delete: (key) => after(namespace.delete(key), [key]),
    // Everything changed: the next count rebuilds every record.
    clear: async () => {
      await namespace.clear();
      await countRecords.clear();
    },
  };
}

/** Which votes a count takes: those of one server (null: direct messages), or of any of these servers. */
export interface CountScope {
  guildId?: string | null;
  guildIds?: ReadonlySet<string>;
}

/**
 * Every live vote in scope with its comparison, in key order (by comparison, then voter): what a count reads, a
 * segment's votes per step, so the count awaits once a segment rather than once a vote.
 */
export async function* votesFromCountRecords(
  countRecords: CountRecords,
  scope: CountScope = {},
): AsyncGenerator<Iterable<{ vote: CountVote; ballot: CountRecord }>> {
  for await (const segment of countRecords.segments()) yield votesInScope(segment, scope);
}

function* votesInScope(
  records: Iterable<CountRecord>,
  scope: CountScope,
): Generator<{ vote: CountVote; ballot: CountRecord }> {
  for (const record of records) {
    for (const vote of record.votes) {
      if (scope.guildId !== undefined && vote.guildId !== scope.guildId) continue;
      if (scope.guildIds !== undefined && (vote.guildId === null || !scope.guildIds.has(vote.guildId))) continue;
      yield { vote, ballot: record };
    }
  }
}
