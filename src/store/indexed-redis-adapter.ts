// A Keyv adapter for one namespace on Redis that keeps, beside its string keys, a sorted set of those keys (every
// score 0, so Redis orders members by their bytes). Each write or delete changes value and index in one MULTI/EXEC,
// so a listing pages through the index in key order with MGET and never walks other namespaces' keys, as SCAN does.
// Not @keyv/redis's adapter: every write would need overriding, and each instance adds four listeners to the shared
// client (one namespace each, so the process hit the listener limit) and reconnects a client the store has closed.
import { EventEmitter } from 'node:events';
import type { RedisClientType } from '@keyv/redis';
import { readAhead, scopeEnd } from './backend.ts';

type RedisClient = RedisClientType;

// Members per ZRANGE and keys per MGET: larger pages stop paying off (see bench/store-scan.bench.ts).
const PAGE_SIZE = 1_000;
// Values written with a TTL expire without their index entry. A listing drops such entries, checking once more
// inside Redis (atomically) so that a key written again meanwhile stays listed.
const PRUNE_SCRIPT = `for i, member in ipairs(ARGV) do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then redis.call('ZREM', KEYS[1], member) end
end`;

export class IndexedRedisAdapter extends EventEmitter {
  /** Set by Keyv to the namespace's full name; stored keys read `${namespace}:${key}`. */
  namespace: string | undefined;
  /** Keyv offers its iterator only to adapters whose `opts.dialect` it knows. */
  readonly opts: { dialect: 'redis'; url: string };
  private indexBuilt: Promise<void> | undefined;

  private readonly client: RedisClient;

  constructor(client: RedisClient, location: string) {
    super();
    this.client = client;
    this.opts = { dialect: 'redis', url: location };
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.stored(key))) ?? undefined;
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    return (await this.client.mGet(keys.map((key) => this.stored(key)))).map((raw) => raw ?? undefined);
  }

  async has(key: string): Promise<boolean> {
    return (await this.client.exists(this.stored(key))) === 1;
  }

  async set(key: string, value: string, ttl?: number): Promise<void> {
    await this.setMany([{ key, value, ttl }]);
  }

  async setMany(entries: Array<{ key: string; value: string; ttl?: number | undefined }>): Promise<void> {
    if (entries.length === 0) return;
    const transaction = this.client.multi();
    for (const { key, value, ttl } of entries)
      transaction.set(this.stored(key), value, ttl ? { expiration: { type: 'PX', value: ttl } } : undefined);
    transaction.zAdd(
      this.indexKey(),
      entries.map(({ key }) => ({ score: 0, value: key })),
    );
    await transaction.exec();
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteMany([key]);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    const [deleted] = await this.client
      .multi()
      .unlink(keys.map((key) => this.stored(key)))
      .zRem(this.indexKey(), keys)
      .exec();
    return Number(deleted) > 0;
  }

  /** Deletes every key of the namespace through its index, then the index and its marker. */
  async clear(): Promise<void> {
    await this.ensureIndex();
    for (;;) {
      const members = await this.client.zRange(this.indexKey(), '-', '+', {
        BY: 'LEX',
        LIMIT: { offset: 0, count: PAGE_SIZE },
      });
      if (members.length === 0) break;
      await this.client
        .multi()
        .unlink(members.map((key) => this.stored(key)))
        .zRem(this.indexKey(), members)
        .exec();
    }
    // Without its marker the index is checked against the keyspace again on the next listing: slow once, but
    // an emptied namespace leaves nothing behind, and keys an older release wrote meanwhile still get listed.
    await this.client.unlink([this.indexKey(), this.markerKey()]);
    this.indexBuilt = undefined;
  }

  /** Keyv's iterator: the whole namespace, keys without the namespace. */
  async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    if (namespace !== this.namespace)
      throw new Error(`This adapter lists only "${this.namespace}", not "${namespace}"`);
    for await (const page of this.scan(this.requireNamespace())) yield* page;
  }

  /** Stored keys under `${scope}:` after `after` (also a stored key), in byte order; see BackendAdapter.scan. */
  async *scan(scope: string, after?: string): AsyncGenerator<Array<[string, string]>, void> {
    const base = `${this.requireNamespace()}:`;
    if (scope !== this.namespace && !scope.startsWith(base))
      throw new Error(`"${scope}" is not in namespace "${this.namespace}"`);
    await this.ensureIndex();
    // Members are keys without `${namespace}:`; `[` includes a bound and `(` excludes it.
    const low = scope === this.namespace ? '' : `${scope.slice(base.length)}:`;
    const high = scope === this.namespace ? '+' : `(${scopeEnd(scope.slice(base.length))}`;
    let first = low === '' ? '-' : `[${low}`;
    if (after !== undefined && !after.startsWith(base)) {
      if (after > base) return; // beyond every key of the namespace
    } else if (after !== undefined && after.slice(base.length) >= low) {
      first = `(${after.slice(base.length)}`;
    }
    const prefixLength = scope === this.namespace ? 0 : low.length;
    yield* readAhead(async (resume) => {
      const members = await this.client.zRange(this.indexKey(), resume === undefined ? first : `(${resume}`, high, {
        BY: 'LEX',
        LIMIT: { offset: 0, count: PAGE_SIZE },
      });
      const values = members.length === 0 ? [] : await this.client.mGet(members.map((key) => this.stored(key)));
      const entries: Array<[string, string]> = [];
      const gone: string[] = [];
      for (const [index, member] of members.entries()) {
        const raw = values[index];
        if (typeof raw === 'string') entries.push([member.slice(prefixLength), raw]);
        else gone.push(member);
      }
      if (gone.length > 0) await this.prune(gone);
      return { entries, resume: members.length < PAGE_SIZE ? undefined : members.at(-1) };
    });
  }

  private async prune(members: string[]): Promise<void> {
    await this.client.eval(PRUNE_SCRIPT, {
      keys: [this.indexKey(), ...members.map((key) => this.stored(key))],
      arguments: members,
    });
  }

  /** Indexes keys written before the index existed (by an older release): once per namespace, with one SCAN. */
  private ensureIndex(): Promise<void> {
    this.indexBuilt ??= this.buildIndexOnce().catch((error: unknown) => {
      this.indexBuilt = undefined;
      throw error;
    });
    return this.indexBuilt;
  }

  private async buildIndexOnce(): Promise<void> {
    if ((await this.client.exists(this.markerKey())) === 1) return;
    const base = `${this.requireNamespace()}:`;
    // Namespace names hold no glob characters (open-store checks them), so the pattern matches them literally.
    for await (const keys of this.client.scanIterator({ MATCH: `${base}*`, COUNT: PAGE_SIZE, TYPE: 'string' })) {
      if (keys.length > 0)
        await this.client.zAdd(
          this.indexKey(),
          keys.map((key) => ({ score: 0, value: key.slice(base.length) })),
        );
    }
    await this.client.set(this.markerKey(), '1');
  }

  private requireNamespace(): string {
    if (this.namespace === undefined) throw new Error('The Redis adapter was used without a namespace');
    return this.namespace;
  }

  private stored(key: string): string {
    return `${this.requireNamespace()}:${key}`;
  }

  // '#' never follows a namespace name in a stored key (`${namespace}:${key}`), so these cannot collide with data.
  private indexKey(): string {
    return `${this.requireNamespace()}#keys`;
  }

  private markerKey(): string {
    return `${this.requireNamespace()}#indexed`;
  }
}
