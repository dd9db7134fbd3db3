// What every namespace of the store promises, on SQLite, Redis and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';

const Thing = z.object({ size: z.number() });

describe.each(STORE_BACKENDS)('store namespaces on $name', (backend) => {
  const fixture = useStoreFixture(backend);

  it('keeps the same key in two namespaces apart', async () => {
    const store = await fixture.open();
    const things = store.namespace('things', Thing);
    const votes = store.namespace('votes', Thing);
    await things.set('same-key', { size: 1 });
    await votes.set('same-key', { size: 2 });
    expect(await things.get('same-key')).toEqual({ size: 1 });
    await votes.clear();
    expect(await things.get('same-key')).toEqual({ size: 1 });
    expect(await votes.get('same-key')).toBeUndefined();
  });

  it('lists a whole namespace, or exactly the keys under one prefix, past one page of results', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await Promise.all(
      Array.from({ length: 1_200 }, (_, index) =>
        things.set(`${index % 2 === 0 ? 'the_even' : 'the_odd'}:${index}`, { size: index }),
      ),
    );
    // Keys a LIKE 'the_even:%' pattern would also match: '_' is a wildcard there and case is ignored.
    await things.set('theXeven:1', { size: -1 });
    await things.set('THE_EVEN:2', { size: -2 });
    const all = new Map<string, { size: number }>();
    for await (const [key, value] of things.entries()) all.set(key, value);
    expect(all.size).toBe(1_202);
    expect(all.get('the_odd:7')).toEqual({ size: 7 });
    const even: string[] = [];
    for await (const [key] of things.entries({ under: 'the_even' })) even.push(key);
    expect(even).toHaveLength(600);
    expect(even.every((key) => key.startsWith('the_even:'))).toBe(true);
  });

  it('lists a namespace through Keyv’s own iterator as well', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await things.set('a:1', { size: 1 });
    await things.set('b', { size: 2 });
    await (await fixture.open()).namespace('votes', Thing).set('c', { size: 3 });
    const iterate = things.keyv.iterator;
    if (iterate === undefined) throw new Error(`Keyv offers no iterator on ${backend.name}`);
    const seen: [string, unknown][] = [];
    for await (const entry of iterate(undefined) as AsyncIterable<[string, unknown]>) seen.push(entry);
    expect(seen.sort()).toEqual([
      ['a:1', { size: 1 }],
      ['b', { size: 2 }],
    ]);
  });

  it('reads many keys in one call, in the order asked, with missing ones undefined and every value checked', async () => {
    const store = await fixture.open();
    const things = store.namespace('things', Thing);
    await things.set('a', { size: 1 });
    await things.set('c', { size: 3 });
    expect(await things.getMany(['c', 'b', 'a'])).toEqual([{ size: 3 }, undefined, { size: 1 }]);
    expect(await things.getMany([])).toEqual([]);
    await store.namespace('things', z.unknown()).set('bad', { size: 'big' });
    await expect(things.getMany(['a', 'bad'])).rejects.toThrow(/things:bad/);
  });

  it('lists keys in ascending byte order, whatever characters they hold, and resumes after a given key', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    // Characters that collations other than bytewise order differently: punctuation, case, digits, accents.
    const keys = [
      'c1:v2',
      'c1:v10',
      'c1.x',
      'c1-x',
      'C1:v1',
      'c1:V1',
      'c10:v1',
      'c1_x',
      'c1',
      'c1:é',
      'c1:e',
      'c1:~',
      'c2:a*b',
      'c2:[x]',
    ];
    for (const [index, key] of keys.entries()) await things.set(key, { size: index });
    const byteOrder = [...keys].sort((left, right) => (left < right ? -1 : 1));
    const list = async (options?: { under?: string; after?: string }) => {
      const listed: string[] = [];
      for await (const [key] of things.entries(options)) listed.push(key);
      return listed;
    };
    expect(await list()).toEqual(byteOrder);
    expect(await list({ under: 'c1' })).toEqual(['c1:V1', 'c1:e', 'c1:v10', 'c1:v2', 'c1:~', 'c1:é']);
    expect(await list({ after: 'c1:v10' })).toEqual(byteOrder.slice(byteOrder.indexOf('c1:v10') + 1));
    expect(await list({ under: 'c1', after: 'c1:v10' })).toEqual(['c1:v2', 'c1:~', 'c1:é']);
    expect(await list({ under: 'c1', after: 'a' })).toEqual(await list({ under: 'c1' }));
    expect(await list({ under: 'c1', after: 'c1:~~' })).toEqual(['c1:é']);
    expect(await list({ under: 'c1', after: 'c2' })).toEqual([]);
    // Glob and LIKE characters are plain characters in a prefix.
    expect(await list({ under: 'c2' })).toEqual(['c2:[x]', 'c2:a*b']);
  });

  it('pages through a namespace with after, each key once, past one page of results', async () => {
    const store = await fixture.open();
    const votes = store.namespace('votes', Thing);
    await Promise.all(
      Array.from({ length: 2_500 }, (_, index) => votes.set(`c${index % 50}:v${index}`, { size: index })),
    );
    await store.namespace('things', Thing).set('c1:v1', { size: -1 });
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const page: string[] = [];
      for await (const [key] of votes.entries({ after })) {
        page.push(key);
        if (page.length === 700) break;
      }
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1);
    }
    const listed = pages.flat();
    expect(pages).toHaveLength(4);
    expect(new Set(listed).size).toBe(2_500);
    expect(listed).toEqual([...listed].sort((left, right) => (left < right ? -1 : 1)));
  });

  it('reads back strings that start with a colon, and bytes, exactly as written, one by one, many and listed', async () => {
    const notes = (await fixture.open()).namespace('things', z.unknown());
    const tricky = {
      note: ':colon',
      more: ['::double', 'plain', { deep: ':base64:not-bytes' }],
      ':key': 'a,":b',
      bytes: Buffer.from('hi'),
    };
    const plain = { note: 'no colon here', list: ['a:b', 'c'], ':key': 1 };
    await notes.set('tricky', tricky);
    await notes.set('plain', plain);
    expect(await notes.get('tricky')).toEqual(tricky);
    expect(await notes.getMany(['tricky', 'plain'])).toEqual([tricky, plain]);
    const listed = new Map<string, unknown>();
    for await (const [key, value] of notes.entries()) listed.set(key, value);
    expect(listed).toEqual(
      new Map<string, unknown>([
        ['plain', plain],
        ['tricky', tricky],
      ]),
    );
  });

  it('writes many entries in one call through Keyv, replacing values already there', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await things.set('k0001', { size: -1 });
    const keys = Array.from({ length: 1_000 }, (_, index) => `k${String(index).padStart(4, '0')}`);
    await things.keyv.setMany(keys.map((key, index) => ({ key, value: { size: index } })));
    const listed: Array<[string, { size: number }]> = [];
    for await (const entry of things.entries()) listed.push(entry);
    expect(listed).toEqual(keys.map((key, index) => [key, { size: index }]));
  });

  it('refuses to list under an empty prefix', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await expect(things.entries({ under: '' }).next()).rejects.toThrow('Cannot list keys under ""');
  });
});
