// Long-term memory's storage guarantees, on SQLite, Redis and PostgreSQL alike: opt-in only, bounded, no
// repeats, recall ranked within one user's facts, deletion that leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { createMemoryBook, MEMORY_MAX_FACTS } from '../../src/records/memory-book.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';

describe.each(STORE_BACKENDS)('memory book on $name', (backend) => {
  const fixture = useStoreFixture(backend);

  it('keeps nothing for a user who has not opted in', async () => {
    const memory = createMemoryBook(await fixture.open());
    expect(await memory.remember('user-a', ['Has a grey cat'])).toEqual([]);
    expect(await memory.read('user-a')).toBeUndefined();
    expect(await memory.recall('user-a', 'cat', 5)).toEqual([]);
  });

  it('keeps every fact when two turns finish at once, without repeats', async () => {
    const memory = createMemoryBook(await fixture.open());
    await memory.setEnabled('user-a', true);
    await Promise.all([
      memory.remember('user-a', ['Has a grey cat', 'Is learning Rust']),
      memory.remember('user-a', ['Lives in Lyon', 'has a GREY cat!']),
    ]);
    expect((await memory.read('user-a'))?.facts.map((fact) => fact.text).sort()).toEqual([
      'Has a grey cat',
      'Is learning Rust',
      'Lives in Lyon',
    ]);
  });

  it(`keeps the newest ${MEMORY_MAX_FACTS} facts`, async () => {
    const memory = createMemoryBook(await fixture.open());
    await memory.setEnabled('user-a', true);
    const facts = Array.from({ length: MEMORY_MAX_FACTS + 5 }, (_, index) => `Fact number ${index}`);
    await memory.remember('user-a', facts);
    const kept = (await memory.read('user-a'))?.facts.map((fact) => fact.text);
    expect(kept).toHaveLength(MEMORY_MAX_FACTS);
    expect(kept?.[0]).toBe('Fact number 5');
    expect(kept?.at(-1)).toBe(`Fact number ${MEMORY_MAX_FACTS + 4}`);
  });

  it('recalls the facts most relevant to the message, from that user’s facts only', async () => {
    const memory = createMemoryBook(await fixture.open());
    await memory.setEnabled('user-a', true);
    await memory.setEnabled('user-b', true);
    await memory.remember('user-a', [
      'Is learning Rust',
      'Has a grey cat named Mia',
      'Works as a nurse',
      'Prefers short answers',
    ]);
    await memory.remember('user-b', ['Has a black cat']);
    expect(await memory.recall('user-a', 'What should I feed my cat?', 5)).toEqual(['Has a grey cat named Mia']);
    expect(await memory.recall('user-a', 'any tips on rust lifetimes or nursing shifts?', 1)).toHaveLength(1);
    expect(await memory.recall('user-a', 'the weather today', 5)).toEqual([]);
  });

  it('forgets the facts but keeps the choice, or forgets the user entirely', async () => {
    const memory = createMemoryBook(await fixture.open());
    await memory.setEnabled('user-a', true);
    await memory.remember('user-a', ['Has a grey cat', 'Lives in Lyon']);
    expect(await memory.forgetFacts('user-a')).toBe(2);
    expect(await memory.read('user-a')).toEqual({ enabled: true, facts: [] });
    await memory.remember('user-a', ['Is learning Rust']);
    expect(await memory.forgetUser('user-a')).toBe(1);
    expect(await memory.read('user-a')).toBeUndefined();
    expect(await memory.remember('user-a', ['Has a dog'])).toEqual([]);
  });
});
