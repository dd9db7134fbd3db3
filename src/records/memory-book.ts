// Long-term memory per user, opt-in: one stored record per user (keyed by the salted user hash, never the
// Discord id) with the on/off choice and a bounded list of short facts. Recall ranks that user's facts only,
// with MiniSearch (BM25), against the message being answered.
import MiniSearch from 'minisearch';
import { checkFact } from '../engine/memory/check-fact.ts';
import { z } from 'zod';
import { createKeyedQueue } from '../store/keyed-queue.ts';
import type { Store } from '../store/open-store.ts';

/** Oldest facts are dropped beyond this, so a user's record (read on every turn) stays small. */
export const MEMORY_MAX_FACTS = 200;

const Fact = z.strictObject({ text: z.string().min(1).max(300), at: z.iso.datetime() });
export const UserMemory = z.strictObject({ enabled: z.boolean(), facts: z.array(Fact).max(MEMORY_MAX_FACTS) });
export type Fact = z.infer<typeof Fact>;
export type UserMemory = z.infer<typeof UserMemory>;

// Words that match nearly every fact ("Has a cat", "Is a nurse") and would drown the informative ones.
const STOP_WORDS = new Set(
  "a an and are as at be but by do does for from has have i i'm is it its me my of on or so that the their they this to was what when where which who why with you your".split(
    ' ',
  ),
);

export interface MemoryBook {
  /** The user's record; a user who never opted in has none (and nothing is stored for them). */
  read(userHash: string): Promise<UserMemory | undefined>;
  setEnabled(userHash: string, enabled: boolean): Promise<UserMemory>;
  /** Adds facts for a user who opted in; does nothing for anyone else. Returns the facts that were new. */
  remember(userHash: string, facts: string[], now?: Date): Promise<string[]>;
  /** The user's k facts most relevant to `text`; none when they have not opted in. */
  recall(userHash: string, text: string, k: number): Promise<string[]>;
  /** Deletes the facts, keeping the on/off choice; returns how many were deleted. */
  forgetFacts(userHash: string): Promise<number>;
  /** Deletes the whole record (facts and choice), for /forget-me; returns how many facts were deleted. */
  forgetUser(userHash: string): Promise<number>;
}

export function createMemoryBook(store: Store): MemoryBook {
  const records = store.namespace('memory', UserMemory);
  // One user's updates in order: two turns finishing together must not drop each other's facts.
  const queue = createKeyedQueue();
  const normalise = (fact: string) =>
    fact
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  return {
    read: (userHash) => records.get(userHash),
    setEnabled: (userHash, enabled) =>
      queue.run(userHash, async () => {
        const next = { enabled, facts: (await records.get(userHash))?.facts ?? [] };
        await records.set(userHash, next);
        return next;
      }),
    remember: (userHash, facts, now = new Date()) =>
      queue.run(userHash, async () => {
        const current = await records.get(userHash);
        if (!current?.enabled) return [];
        const known = new Set(current.facts.map((fact) => normalise(fact.text)));
        const added = facts.filter((fact) => {
          const key = normalise(fact);
          if (!key || known.has(key)) return false;
          known.add(key);
          return true;
        });
        if (added.length === 0) return [];
        const at = now.toISOString();
        const all = [...current.facts, ...added.map((text) => ({ text, at }))].slice(-MEMORY_MAX_FACTS);
        await records.set(userHash, { enabled: true, facts: all });
        return added;
      }),
    async recall(userHash, text, k) {
      const record = await records.get(userHash);
      // Facts kept before they were checked at extraction may be instructions: never hand those to the model.
      const facts = record?.enabled ? record.facts.filter((fact) => checkFact(fact.text).ok) : [];
      if (facts.length === 0) return [];
      const index = new MiniSearch<{ id: number; text: string }>({
        fields: ['text'],
        storeFields: ['text'],
        processTerm: (term) => (STOP_WORDS.has(term.toLowerCase()) ? null : term.toLowerCase()),
        searchOptions: { prefix: true, fuzzy: 0.2 },
      });
      index.addAll(facts.map((fact, id) => ({ id, text: fact.text })));
      return index
        .search(text)
        .slice(0, k)
        .map((hit) => facts[hit.id as number]?.text ?? '')
        .filter(Boolean);
    },
    forgetFacts: (userHash) =>
      queue.run(userHash, async () => {
        const current = await records.get(userHash);
        if (!current) return 0;
        await records.set(userHash, { enabled: current.enabled, facts: [] });
        return current.facts.length;
      }),
    forgetUser: (userHash) =>
      queue.run(userHash, async () => {
        const current = await records.get(userHash);
        await records.delete(userHash);
        return current?.facts.length ?? 0;
      }),
  };
}
