// What every namespace of the store promises, on SQLite, Redis and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.js';

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
    await Promise.all(Array.from({ length: 1_200 }, (_, index) => things.set(`${index % 2 === 0 ? 'the_even' : 'the_odd'}:${index}`, { size: index })));
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
    expect(seen.sort()).toEqual([['a:1', { size: 1 }], ['b', { size: 2 }]]);
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

  it('refuses to list under a prefix that would act as a wildcard', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await expect(things.entries({ under: 'a*' }).next()).rejects.toThrow('Cannot list keys under "a*"');
  });
});
