// The Redis backend's per-namespace key index, on the real server: kept in step with values by every writer,
// built once for data an older release wrote, cleaned of expired keys, and one error listener per client.
import { createClient } from '@keyv/redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';

const Thing = z.object({ size: z.number() });
const redis = STORE_BACKENDS.find((backend) => backend.name === 'redis')!;

describe('the Redis key index', () => {
  const fixture = useStoreFixture(redis);
  const raw = createClient({ url: redis.options('').redisUrl! });
  beforeEach(() => raw.connect().then(() => undefined));
  afterEach(() => raw.close());
  const stored = (namespace: string, key: string) => `${fixture.options().keyPrefix!}.${namespace}:${key}`;
  const indexed = (namespace: string) => raw.zRange(`${fixture.options().keyPrefix!}.${namespace}#keys`, 0, -1);
  const list = async (entries: AsyncIterable<[string, unknown]>) => {
    const keys: string[] = [];
    for await (const [key] of entries) keys.push(key);
    return keys;
  };

  it('lists, in order, values an older release wrote before the index existed', async () => {
    await raw.set(stored('votes', 'c2:old'), JSON.stringify({ value: { size: 1 }, expires: null }));
    await raw.set(stored('votes', 'c1:old'), JSON.stringify({ value: { size: 2 }, expires: null }));
    await raw.set(stored('things', 'c1:other'), JSON.stringify({ value: { size: 3 }, expires: null }));
    const votes = (await fixture.open()).namespace('votes', Thing);
    await votes.set('c1:new', { size: 4 });
    expect(await list(votes.entries())).toEqual(['c1:new', 'c1:old', 'c2:old']);
    expect(await indexed('votes')).toEqual(['c1:new', 'c1:old', 'c2:old']);
  });

  it('stays in step with the values when two stores write and delete the same keys at once', async () => {
    const [first, second] = [
      (await fixture.open()).namespace('votes', Thing),
      (await fixture.open()).namespace('votes', Thing),
    ];
    const keys = Array.from({ length: 400 }, (_, index) => `c${index % 7}:v${index}`);
    await Promise.all(
      keys.flatMap((key, index) => [first.set(key, { size: index }), second.set(key, { size: -index })]),
    );
    await Promise.all(
      keys.flatMap((key, index) => (index % 3 === 0 ? [first.delete(key), second.set(key, { size: 0 })] : [])),
    );
    await Promise.all(keys.flatMap((key, index) => (index % 3 === 1 ? [second.delete(key), first.delete(key)] : [])));
    const values = await first.getMany(keys);
    const present = keys.filter((_, index) => values[index] !== undefined);
    expect(present).toEqual(expect.arrayContaining(keys.filter((_, index) => index % 3 === 2)));
    expect(keys.filter((_, index) => index % 3 === 1 && values[index] !== undefined)).toEqual([]);
    // Whichever of two racing writes won, a key is listed, and indexed, exactly when its value exists.
    const byteOrder = [...present].sort((left, right) => (left < right ? -1 : 1));
    expect(await list(second.entries())).toEqual(byteOrder);
    expect(await indexed('votes')).toEqual(byteOrder);
  });

  it('skips a value whose time to live ran out, and drops it from the index', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await things.set('kept', { size: 1 });
    await things.keyv.set('fleeting', { size: 2 }, 1);
    while ((await raw.exists(stored('things', 'fleeting'))) === 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await indexed('things')).toEqual(['fleeting', 'kept']);
    expect(await list(things.entries())).toEqual(['kept']);
    expect(await indexed('things')).toEqual(['kept']);
  });

  it('empties a namespace, its index included, and lists what is written afterwards', async () => {
    const things = (await fixture.open()).namespace('things', Thing);
    await Promise.all(Array.from({ length: 1_500 }, (_, index) => things.set(`k${index}`, { size: index })));
    await things.clear();
    expect(await raw.keys(`${fixture.options().keyPrefix!}.things*`)).toEqual([]);
    await things.set('again', { size: 1 });
    expect(await list(things.entries())).toEqual(['again']);
  });

  it('adds no listener to the shared client per namespace, so many namespaces raise no warning', async () => {
    const warnings: string[] = [];
    const collect = (warning: Error) => warnings.push(warning.name);
    process.on('warning', collect);
    try {
      const store = await fixture.open();
      for (let index = 0; index < 40; index += 1) await store.namespace(`space-${index}`, Thing).get('key');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', collect);
    }
    expect(warnings).toEqual([]);
  });
});
