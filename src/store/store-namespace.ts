// One namespace of the store: Keyv underneath, and every value read back parsed with the namespace's zod schema,
// because stored data is outside input (an older version, a hand edit or another tool may have written it).
import { Keyv, type DeserializedData, type Deserialize, type Serialize } from 'keyv';
import { z } from 'zod';
import type { Backend, BackendAdapter } from './backend.ts';
import { StoredValueError, describeIssues } from './stored-value-error.ts';

export interface StoreNamespace<Value> {
  /** `${prefix}.${name}`; stored keys read `${fullName}:${key}`. */
  readonly fullName: string;
  /** Keyv itself, for what this wrapper lacks. Its reads are not schema-checked. */
  readonly keyv: Keyv;
  get(key: string): Promise<Value | undefined>;
  /** Values of many keys in one round trip, in the order asked (undefined where there is none). */
  getMany(keys: readonly string[]): Promise<Array<Value | undefined>>;
  /** Stores `value`; with `ttlMs` it expires (reads then see nothing) after that many milliseconds. */
  set(key: string, value: Value, ttlMs?: number): Promise<void>;
  /** Stores many entries in as few round trips as the backend allows (a restore, a benchmark fill). */
  setMany(entries: ReadonlyArray<{ key: string; value: Value; ttlMs?: number | undefined }>): Promise<void>;
  delete(key: string): Promise<boolean>;
  /**
   * Every entry, or those whose key starts with `${under}:`, in ascending key order (UTF-8 bytes, which is `<` on
   * strings for keys without characters beyond U+FFFF) on every backend; with `after`, only keys that sort after it,
   * so a listing can resume where a page ended. A snapshot is not guaranteed under concurrent writes.
   */
  entries(options?: { under?: string; after?: string }): AsyncGenerator<[key: string, value: Value]>;
  /** Every entry as stored, unchecked, with its expiry time (ms since 1970, null: never): for backups, which copy
   * what is there, even a value this release would refuse. Expired entries are left out. */
  rawEntries(): AsyncGenerator<[key: string, value: unknown, expires: number | null]>;
  /** Deletes every key of this namespace. */
  clear(): Promise<void>;
}

// Keyv wraps each value as { value, expires }.
const Envelope = z.object({ value: z.unknown(), expires: z.number().nullish() });

// Keyv's deserializer is JSON.parse with a reviver that changes only strings starting with ':' (it un-escapes
// '::x' and turns ':base64:' strings into Buffers), several times slower than plain JSON.parse on bulk reads. Such
// a string value opens with `":` right after `:`, `,` or `[` (or at the start), JSON whitespace allowed between;
// where the raw text has none, plain JSON.parse gives the same result. A false match (in a key) only costs speed.
const COLON_STRING = /(?:^|[:,[])[ \t\n\r]*":/;

/** What `keyvDecode` (Keyv's deserializer) would return for `text`, by plain JSON.parse when that is the same. */
export function decodeStoredText<Value>(text: string, keyvDecode: Deserialize) {
  return COLON_STRING.test(text) ? keyvDecode<Value>(text) : (JSON.parse(text) as DeserializedData<Value>);
}

/**
 * What `keyvEncode` (Keyv's serializer) would write for `data`, by plain JSON.stringify when that is the same: Keyv's
 * own walks every array index as a string key (about 9× slower on a count segment). They differ only on strings
 * starting with ':' (Keyv escapes them; found in the text as decodeStoredText finds them), on undefined, functions
 * or holes in arrays, symbols, Buffers and other values with their own toJSON, typed arrays and invalid dates:
 * the replacer notes those, and Keyv's serializer writes the value then.
 */
export function encodeStoredValue<Value>(
  data: DeserializedData<Value>,
  keyvEncode: Serialize,
): Promise<string> | string {
  let plain = true;
  const text = JSON.stringify(data, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (
      typeof raw === 'symbol' ||
      (Array.isArray(this) && (raw === undefined || typeof raw === 'function')) ||
      (typeof raw === 'object' &&
        raw !== null &&
        (ArrayBuffer.isView(raw) ||
          (raw instanceof Date
            ? Number.isNaN(raw.getTime())
            : typeof (raw as { toJSON?: unknown }).toJSON === 'function')))
    )
      plain = false;
    return value;
  }) as string | undefined;
  return plain && text !== undefined && !COLON_STRING.test(text) ? text : keyvEncode(data);
}

class UndecodableValue extends Error {}

/** Keyv over one adapter, made to throw on store errors and to mark values that are not JSON. */
export function createNamespaceKeyv(fullName: string, backend: Backend, adapter: BackendAdapter['adapter']): Keyv {
  const keyv = new Keyv({
    store: adapter,
    namespace: fullName,
    useKeyPrefix: backend.useKeyPrefix,
    throwOnErrors: true,
  });
  const keyvDecode = keyv.deserialize;
  if (keyvDecode === undefined) throw new Error('Keyv lost its default deserializer');
  // Not async: a listing decodes each entry in a plain loop, awaiting only when a deserializer returns a promise.
  const strictDecode: Deserialize = <Value>(data: string) => {
    try {
      return decodeStoredText<Value>(data, keyvDecode);
    } catch (error) {
      throw new UndecodableValue(error instanceof Error ? error.message : String(error));
    }
  };
  keyv.deserialize = strictDecode;
  const keyvEncode = keyv.serialize;
  if (keyvEncode === undefined) throw new Error('Keyv lost its default serializer');
  keyv.serialize = <Value>(data: DeserializedData<Value>) => encodeStoredValue(data, keyvEncode);
  return keyv;
}

export function createStoreNamespace<Value>(
  fullName: string,
  schema: z.ZodType<Value>,
  keyv: Keyv,
  scan: BackendAdapter['scan'],
): StoreNamespace<Value> {
  const storedKey = (key: string) => `${fullName}:${key}`;
  const check = (key: string, decoded: unknown): Value | undefined => {
    if (decoded === undefined || decoded === null) return undefined;
    const envelope = Envelope.safeParse(decoded);
    if (!envelope.success)
      throw new StoredValueError(storedKey(key), 'not in the { value, expires } shape Keyv writes');
    const { value, expires } = envelope.data;
    if (typeof expires === 'number' && expires < Date.now()) return undefined;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new StoredValueError(storedKey(key), describeIssues(parsed.error));
    return parsed.data;
  };
  const explain = (key: string, error: unknown) =>
    error instanceof UndecodableValue ? new StoredValueError(storedKey(key), `not JSON (${error.message})`) : error;
  const decodeOrExplain = async <Result>(key: string, read: () => Promise<Result>): Promise<Result> => {
    try {
      return await read();
    } catch (error) {
      throw explain(key, error);
    }
  };

  return {
    fullName,
    keyv,
    async get(key) {
      return check(key, await decodeOrExplain(key, () => keyv.get(key, { raw: true })));
    },
    async getMany(keys) {
      if (keys.length === 0) return [];
      // Keyv's fallback for adapters without getMany swallows errors; all three of ours have it, so errors surface.
      const rows = await decodeOrExplain(keys[0]!, () => keyv.getManyRaw([...keys]));
      return rows.map((row, index) => check(keys[index]!, row));
    },
    async set(key, value, ttlMs) {
      await keyv.set(key, value, ttlMs);
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      // Typed boolean[], but some adapters (PostgreSQL) resolve to nothing: only an explicit false is a refusal.
      const results = (await keyv.setMany(entries.map(({ key, value, ttlMs }) => ({ key, value, ttl: ttlMs })))) as
        boolean[] | undefined;
      if (results?.some((stored) => stored === false))
        throw new Error(`The store did not take every value written to ${fullName}`);
    },
    delete: (key) => keyv.delete(key),
    async *entries(options = {}) {
      const { under, after } = options;
      if (under === '') throw new Error('Cannot list keys under "": give a non-empty prefix, or none for every key');
      const scope = under === undefined ? fullName : `${fullName}:${under}`;
      // createNamespaceKeyv's decoder, called directly: through keyv.deserializeData each entry would cost an await.
      const decode = keyv.deserialize ?? ((data: string) => keyv.deserializeData(data));
      for await (const page of scan(scope, after === undefined ? undefined : storedKey(after))) {
        for (const [relative, raw] of page) {
          const key = under === undefined ? relative : `${under}:${relative}`;
          let decoded;
          try {
            decoded = decode(raw);
            if (decoded instanceof Promise) decoded = await decoded;
          } catch (error) {
            throw explain(key, error);
          }
          const value = check(key, decoded);
          if (value !== undefined) yield [key, value];
        }
      }
    },
    async *rawEntries() {
      for await (const page of scan(fullName)) {
        for (const [key, raw] of page) {
          const envelope = Envelope.safeParse(await decodeOrExplain(key, () => keyv.deserializeData(raw)));
          if (!envelope.success)
            throw new StoredValueError(storedKey(key), 'not in the { value, expires } shape Keyv writes');
          const expires = envelope.data.expires ?? null;
          if (expires === null || expires >= Date.now()) yield [key, envelope.data.value, expires];
        }
      }
    },
    clear: () => keyv.clear(),
  };
}
