// The store writes values with JSON.stringify where that is what Keyv's own serializer would write, and hands
// everything else to Keyv's: the text on disk is the same either way, so older readers and the backups see no change.
import { Keyv, type DeserializedData } from 'keyv';
import { describe, expect, it } from 'vitest';
import { decodeStoredText, encodeStoredValue } from '../../src/store/store-namespace.ts';

const keyv = new Keyv();
const keyvEncode = keyv.serialize!;
const keyvDecode = keyv.deserialize!;

const sparse: unknown[] = [1];
sparse[2] = 3;

const VALUES: Record<string, unknown> = {
  'a count segment': { ids: ['a1', 'a2'], votes: [1, 0, 2], castAtMs: [1_764_000_000_000, 1_764_000_001_000] },
  'plain text': 'hello',
  'text starting with a colon': ':base64:aGk=',
  'a colon string deep inside': { tags: ['fine', '::double'], note: 'x' },
  'a valid date': new Date('2026-12-06T10:00:00Z'),
  'an invalid date': new Date('nope'),
  'undefined in an array': [1, undefined, 3],
  'a hole in an array': sparse,
  'a function in an array': [() => 1],
  'a Buffer': Buffer.from('hi'),
  'a typed array': new Uint8Array([1, 2, 3]),
  'an object with its own toJSON': { toJSON: () => ({ swapped: true }) },
  'undefined and a function as properties': { kept: 1, gone: undefined, also: () => 2 },
  'nulls, numbers, nesting': { a: null, b: [0, -1.5, 1e21], c: { d: [[], {}] } },
  'unicode and escapes': { text: 'émoji 🇦 "quoted" \\ back\nline' },
};

describe('encodeStoredValue', () => {
  for (const [name, value] of Object.entries(VALUES)) {
    it(`writes what Keyv's serializer writes for ${name}`, async () => {
      const data = { value, expires: 1_800_000_000_000 } as DeserializedData<unknown>;
      const ours = await encodeStoredValue(data, keyvEncode);
      expect(ours).toBe(await keyvEncode(data));
      expect(await decodeStoredText(ours, keyvDecode)).toEqual(await keyvDecode(ours));
    });
  }
});
