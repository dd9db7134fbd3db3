// Keeps comparisons: the record with its shuffled slots and results, the Discord message -> comparison lookup
// (so reactions on uncached messages still count), and the deletions privacy asks for (/forget-me, retention).
// Writes to one comparison are queued in this process, so slot results finishing together do not overwrite
// each other; every writer of a comparison must therefore live in the process that runs it.
import { z } from 'zod';
import type { PipelineResult } from '../engine/trace.js';
import { ComparisonRecordSchema } from '../store/comparison-record-schema.js';
import { createKeyedQueue } from '../store/keyed-queue.js';
import type { Store } from '../store/open-store.js';
import type { ComparisonRecord } from './comparison.js';

export interface ComparisonStore {
  /** Stores a new or whole record, and its message lookup when it has a message id. */
  save(record: ComparisonRecord): Promise<void>;
  get(id: string): Promise<ComparisonRecord | undefined>;
  /** Applies `change` to the stored record, after any earlier write to it in this process; returns the result. */
  update(id: string, change: (record: ComparisonRecord) => ComparisonRecord): Promise<ComparisonRecord>;
  /** Sets one slot's result (index in display order) without touching the others. */
  setSlotResult(id: string, slot: number, result: PipelineResult): Promise<ComparisonRecord>;
  /** Records the Discord message showing the comparison and makes it findable by that message. */
  attachMessage(id: string, messageId: string, channelId: string | null): Promise<ComparisonRecord>;
  findByMessageId(messageId: string): Promise<ComparisonRecord | undefined>;
  all(): Promise<ComparisonRecord[]>;
  /** Blanks the conversations (and the model inputs in traces) of one requester's comparisons; returns how many. */
  forgetRequester(requesterHash: string): Promise<number>;
  /** Blanks the conversations of comparisons created before `date` (retention); returns how many. */
  purgeConversationsOlderThan(date: Date): Promise<number>;
}

const MessageLinkSchema = z.object({ comparisonId: z.string().min(1) });

// A comparison always starts from at least one user message, so an empty conversation means it was removed.
const isForgotten = (record: ComparisonRecord) => record.conversation.length === 0;

function withoutInputs(result: PipelineResult | null): PipelineResult | null {
  if (result === null) return null;
  return { ...result, trace: result.trace.map((step) => ({ ...step, inputMessages: [] })) };
}

function forgotten(record: ComparisonRecord): ComparisonRecord {
  return { ...record, conversation: [], slots: record.slots.map((slot) => ({ ...slot, result: withoutInputs(slot.result) })) };
}

export function createComparisonStore(store: Store): ComparisonStore {
  const comparisons = store.namespace<ComparisonRecord>('comparisons', ComparisonRecordSchema);
  const messages = store.namespace('comparison-messages', MessageLinkSchema);
  const queue = createKeyedQueue();

  const link = async (record: ComparisonRecord) => {
    if (record.messageId !== null) await messages.set(record.messageId, { comparisonId: record.id });
  };
  const get = (id: string) => comparisons.get(id);
  const update = (id: string, change: (record: ComparisonRecord) => ComparisonRecord) =>
    queue.run(id, async () => {
      const record = await get(id);
      if (record === undefined) throw new Error(`No comparison "${id}" in the store`);
      const updated = change(record);
      await comparisons.set(id, updated);
      return updated;
    });
  const forgetWhere = async (matches: (record: ComparisonRecord) => boolean) => {
    const ids: string[] = [];
    for await (const [id, record] of comparisons.entries()) if (matches(record) && !isForgotten(record)) ids.push(id);
    for (const id of ids) await update(id, forgotten);
    return ids.length;
  };

  return {
    save: (record) =>
      queue.run(record.id, async () => {
        await comparisons.set(record.id, record);
        await link(record);
      }),
    get,
    update,
    setSlotResult: (id, slot, result) =>
      update(id, (record) => {
        if (record.slots[slot] === undefined) throw new Error(`Comparison "${id}" has no slot ${slot}`);
        // A result that finishes after /forget-me or a purge must not bring the removed conversation back.
        const kept = isForgotten(record) ? withoutInputs(result) : result;
        return { ...record, slots: record.slots.map((old, index) => (index === slot ? { ...old, result: kept } : old)) };
      }),
    async attachMessage(id, messageId, channelId) {
      const updated = await update(id, (record) => ({ ...record, messageId, channelId: channelId ?? record.channelId }));
      await link(updated);
      return updated;
    },
    async findByMessageId(messageId) {
      const found = await messages.get(messageId);
      return found === undefined ? undefined : get(found.comparisonId);
    },
    async all() {
      const found: ComparisonRecord[] = [];
      for await (const [, record] of comparisons.entries()) found.push(record);
      return found;
    },
    forgetRequester: (requesterHash) => forgetWhere((record) => record.requesterHash === requesterHash),
    purgeConversationsOlderThan: (date) => forgetWhere((record) => Date.parse(record.createdAt) < date.getTime()),
  };
}
