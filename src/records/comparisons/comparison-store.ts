// Keeps comparisons, split by who reads what (stored-records.ts): small ballots for statistics and housekeeping,
// texts for exports, one trace record per slot for reveal. Also the Discord message -> comparison lookup (so
// reactions on uncached messages still count), the index of comparisons still running (so start-up finds the
// ones a crash left behind without a scan) and the deletions privacy asks for (/forget-me, retention).
// Writes to one comparison are queued in this process, so slot results finishing together do not overwrite
// each other; every writer of a comparison must therefore live in the process that runs it.
import type { PipelineResult } from '../../engine/trace.ts';
import { touchingOnWrite } from '../../store/change-marker.ts';
import { createKeyedQueue } from '../../store/keyed-queue.ts';
import type { Store } from '../../store/open-store.ts';
import { ballotOf, ballotSlotOf } from './ballot-of.ts';
import { createRecentMessages, type RecentMessage } from './recent-messages.ts';
import { ratingsMarker } from './ratings-marker.ts';
import { createCountRecords, refreshingCountRecords } from '../counting/count-records.ts';
import type { ComparisonRecord, ComparisonSlot } from './comparison.ts';
import {
  BallotSchema,
  COMPARISON_NAMESPACES,
  ComparisonTextsSchema,
  MessageLinkSchema,
  RECORD_VERSION,
  RunningEntrySchema,
  SlotTraceSchema,
  type Ballot,
  type BallotSlot,
  type InteractionHandle,
  type PromptCategory,
  type ComparisonTexts,
  type RunningEntry,
  type SlotLeak,
} from './stored-records.ts';

export interface ComparisonStore {
  /** Stores a new or whole record; a running one is indexed under the lease `owner` (process-lease.ts), with the
   * interaction showing it, if any, so that recovery can edit its message. */
  save(record: ComparisonRecord, owner?: string, interaction?: InteractionHandle): Promise<void>;
  /** The whole comparison, traces included: for reveal and the compare session. */
  get(id: string): Promise<ComparisonRecord | undefined>;
  ballot(id: string): Promise<Ballot | undefined>;
  ballots(ids: readonly string[]): Promise<Array<Ballot | undefined>>;
  texts(ids: readonly string[]): Promise<Array<ComparisonTexts | undefined>>;
  /** Every ballot, in id order; one at a time, so memory does not grow with the store. */
  allBallots(): AsyncGenerator<Ballot>;
  /** Sets one slot's result (index in display order) without touching the others. */
  setSlotResult(id: string, slot: number, result: PipelineResult): Promise<void>;
  /** Records the Discord message showing the comparison and makes it findable by that message. */
  attachMessage(id: string, messageId: string, channelId: string | null): Promise<void>;
  /** Marks the comparison done (slots still empty get `unfinished(slot)`), drops it from the running index. */
  finish(id: string, unfinished?: (slot: ComparisonSlot) => PipelineResult): Promise<ComparisonRecord>;
  findByMessageId(messageId: string): Promise<Ballot | undefined>;
  /** Messages of comparisons created after `since`, newest first, from a small time-ordered index. */
  recentMessages(since: Date): AsyncGenerator<RecentMessage>;
  /** Drops a comparison from that index (its message is gone from Discord; the comparison stays). */
  forgetRecentMessage(createdAt: Date, comparisonId: string): Promise<boolean>;
  /** Drops time-index entries of comparisons created before `before` (the comparisons stay). */
  pruneRecentMessages(before: Date): Promise<number>;
  /** Records that the answer in `leak.slot` gave its technique away (see leak-guard.ts). */
  flagLeak(id: string, leak: SlotLeak): Promise<void>;
  /** Records the prompt's category (the compare session, or `npm run categorize` for older comparisons). */
  setCategory(id: string, category: PromptCategory): Promise<void>;
  /** Comparisons still running and who runs them: a small index, not a scan of the store. */
  running(): AsyncGenerator<[id: string, entry: RunningEntry]>;
  /** Blanks the conversations (and the model inputs in traces) of one requester's comparisons; returns how many. */
  forgetRequester(requesterHash: string): Promise<number>;
  /** Blanks the conversations of comparisons created before `date` (retention); returns how many. */
  purgeConversationsOlderThan(date: Date): Promise<number>;
}

const traceKey = (id: string, slot: number) => `${id}:${slot}`;

/** The result with the prompt removed from every step's inputs (/forget-me, retention, a restore that honours them). */
export function withoutInputs(result: PipelineResult): PipelineResult {
  return { ...result, trace: result.trace.map((step) => ({ ...step, inputMessages: [] })) };
}

/** A slot result rebuilt from the ballot and texts where no trace was stored (it is always stored; older data). */
function resultFromBallot(slot: BallotSlot, answer: string | null): PipelineResult | null {
  if (slot.status === 'pending') return null;
  return {
    pipelineId: slot.pipelineId,
    ...(slot.version === null ? {} : { version: slot.version }),
    label: slot.pipelineId,
    status: slot.status,
    answer: slot.status === 'ok' ? answer : null,
    ...(slot.failure === null ? {} : { failure: slot.failure }),
    trace: [],
    totals: slot.totals ?? { calls: 0, tokensIn: 0, tokensOut: 0, costUsd: null, latencyMs: 0 },
  };
}

export function createComparisonStore(store: Store): ComparisonStore {
  // A slot finishing or a leak flag changes what votes already cast on it count for: its count record is rewritten,
  // then the ratings marker moves.
  const countRecords = createCountRecords(store);
  const ballots = touchingOnWrite(
    refreshingCountRecords(store.namespace(COMPARISON_NAMESPACES.ballots, BallotSchema), countRecords, (id) => id),
    ratingsMarker(store),
  );
  const texts = store.namespace(COMPARISON_NAMESPACES.texts, ComparisonTextsSchema);
  const traces = store.namespace(COMPARISON_NAMESPACES.traces, SlotTraceSchema);
  const running = store.namespace(COMPARISON_NAMESPACES.running, RunningEntrySchema);
  const messages = store.namespace(COMPARISON_NAMESPACES.messages, MessageLinkSchema);
  const recentMessages = createRecentMessages(store);
  const queue = createKeyedQueue();

  const mustGet = async (id: string): Promise<[Ballot, ComparisonTexts]> => {
    const [ballot, text] = await Promise.all([ballots.get(id), texts.get(id)]);
    if (ballot === undefined || text === undefined) throw new Error(`No comparison "${id}" in the store`);
    return [ballot, text];
  };
  const assemble = async (ballot: Ballot, text: ComparisonTexts | undefined): Promise<ComparisonRecord> => {
    const slotTraces = await traces.getMany(ballot.slots.map((_, index) => traceKey(ballot.id, index)));
    return {
      id: ballot.id,
      createdAt: ballot.createdAt,
      guildId: ballot.guildId,
      channelId: ballot.channelId,
      messageId: ballot.messageId,
      requesterHash: ballot.requesterHash,
      conversation: text?.conversation ?? [],
      slots: ballot.slots.map((slot, index) => ({
        letter: slot.letter,
        pipelineId: slot.pipelineId,
        result: slotTraces[index]?.result ?? resultFromBallot(slot, text?.answers[index] ?? null),
      })),
      status: ballot.status,
      ...(ballot.leaks.length > 0 ? { leaks: ballot.leaks } : {}),
      ...(ballot.category === undefined ? {} : { category: ballot.category }),
    };
  };
  const get = async (id: string) => {
    const [ballot, text] = await Promise.all([ballots.get(id), texts.get(id)]);
    return ballot === undefined ? undefined : assemble(ballot, text);
  };
  const writeSlot = async (ballot: Ballot, text: ComparisonTexts, index: number, given: PipelineResult) => {
    // A result that finishes after /forget-me or a purge must not bring the removed conversation back.
    const result = ballot.promptForgotten ? withoutInputs(given) : given;
    await traces.set(traceKey(ballot.id, index), { v: RECORD_VERSION, result });
    const slot = ballotSlotOf({
      letter: ballot.slots[index]!.letter,
      pipelineId: ballot.slots[index]!.pipelineId,
      result,
    });
    ballot.slots[index] = slot;
    text.answers[index] = slot.status === 'ok' ? result.answer : null;
  };
  const forgetWhere = async (matches: (ballot: Ballot) => boolean) => {
    const ids: string[] = [];
    for await (const [id, ballot] of ballots.entries()) if (matches(ballot) && !ballot.promptForgotten) ids.push(id);
    for (const id of ids) {
      await queue.run(id, async () => {
        const [ballot, text] = await mustGet(id);
        const slotTraces = await traces.getMany(ballot.slots.map((_, index) => traceKey(id, index)));
        await Promise.all(
          slotTraces.map(
            (trace, index) =>
              trace && traces.set(traceKey(id, index), { v: RECORD_VERSION, result: withoutInputs(trace.result) }),
          ),
        );
        await texts.set(id, { ...text, conversation: [] });
        await ballots.set(id, { ...ballot, promptForgotten: true });
      });
    }
    return ids.length;
  };

  return {
    save: (record, owner = 'unowned', interaction) =>
      queue.run(record.id, async () => {
        const ballot = ballotOf(record);
        const text: ComparisonTexts = {
          v: RECORD_VERSION,
          id: record.id,
          conversation: record.conversation,
          answers: ballot.slots.map(() => null),
        };
        // A new comparison (no results yet) has no traces; only a whole record written again may leave stale ones.
        const rewrite = record.slots.some((slot) => slot.result !== null);
        for (const [index, slot] of record.slots.entries()) {
          if (slot.result !== null) await writeSlot(ballot, text, index, slot.result);
          else if (rewrite) await traces.delete(traceKey(record.id, index));
        }
        // Index first: a crash between these writes leaves at worst an index entry that recovery finishes.
        if (record.status === 'running')
          await running.set(record.id, {
            v: RECORD_VERSION,
            owner,
            startedAt: record.createdAt,
            ...(interaction ? { interaction } : {}),
          });
        await texts.set(record.id, text);
        await ballots.set(record.id, ballot);
        if (record.messageId !== null) {
          await messages.set(record.messageId, { comparisonId: record.id });
          await recentMessages.add(new Date(record.createdAt), {
            comparisonId: record.id,
            messageId: record.messageId,
            channelId: record.channelId,
          });
        }
        if (record.status === 'done') await running.delete(record.id);
      }),
    get,
    ballot: (id) => ballots.get(id),
    ballots: (ids) => ballots.getMany(ids),
    texts: (ids) => texts.getMany(ids),
    async *allBallots() {
      for await (const [, ballot] of ballots.entries()) yield ballot;
    },
    setSlotResult: (id, index, result) =>
      queue.run(id, async () => {
        const [ballot, text] = await mustGet(id);
        if (ballot.slots[index] === undefined) throw new Error(`Comparison "${id}" has no slot ${index}`);
        await writeSlot(ballot, text, index, result);
        await texts.set(id, text);
        await ballots.set(id, ballot);
      }),
    attachMessage: (id, messageId, channelId) =>
      queue.run(id, async () => {
        const ballot = await ballots.get(id);
        if (ballot === undefined) throw new Error(`No comparison "${id}" in the store`);
        await ballots.set(id, { ...ballot, messageId, channelId: channelId ?? ballot.channelId });
        await messages.set(messageId, { comparisonId: id });
        await recentMessages.add(new Date(ballot.createdAt), {
          comparisonId: id,
          messageId,
          channelId: channelId ?? ballot.channelId,
        });
      }),
    async finish(id, unfinished) {
      await queue.run(id, async () => {
        const [ballot, text] = await mustGet(id);
        for (const [index, slot] of ballot.slots.entries()) {
          if (slot.status === 'pending' && unfinished)
            await writeSlot(
              ballot,
              text,
              index,
              unfinished({ letter: slot.letter, pipelineId: slot.pipelineId, result: null }),
            );
        }
        await texts.set(id, text);
        await ballots.set(id, { ...ballot, status: 'done' });
        await running.delete(id);
      });
      return (await get(id))!;
    },
    flagLeak: (id, leak) =>
      queue.run(id, async () => {
        const ballot = await ballots.get(id);
        if (ballot === undefined) throw new Error(`No comparison "${id}" in the store`);
        await ballots.set(id, {
          ...ballot,
          leaks: [...ballot.leaks.filter((known) => known.slot !== leak.slot), leak],
        });
      }),
    setCategory: (id, category) =>
      queue.run(id, async () => {
        const ballot = await ballots.get(id);
        if (ballot === undefined) throw new Error(`No comparison "${id}" in the store`);
        await ballots.set(id, { ...ballot, category });
      }),
    async findByMessageId(messageId) {
      const found = await messages.get(messageId);
      return found === undefined ? undefined : ballots.get(found.comparisonId);
    },
    recentMessages: (since) => recentMessages.since(since),
    pruneRecentMessages: (before) => recentMessages.prune(before),
    forgetRecentMessage: (createdAt, comparisonId) => recentMessages.forget(createdAt, comparisonId),
    running: () => running.entries(),
    forgetRequester: (requesterHash) => forgetWhere((ballot) => ballot.requesterHash === requesterHash),
    purgeConversationsOlderThan: (date) => forgetWhere((ballot) => Date.parse(ballot.createdAt) < date.getTime()),
  };
}
