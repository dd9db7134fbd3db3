// Button custom ids come back from Discord: ours decode to the same action, anything else is ignored.
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, type CustomId } from '../../src/render/discord/custom-id.ts';

const longestId = 'a'.repeat(28) + '_-Z9';

describe('custom ids', () => {
  it.each<CustomId>([
    { action: 'full', comparisonId: 'k3J_x-9', slot: 2 },
    { action: 'reveal', comparisonId: longestId },
    { action: 'reasoning', comparisonId: longestId, slot: 7 },
    { action: 'why', comparisonId: longestId },
    { action: 'why-tags', comparisonId: 'k3J_x-9' },
    { action: 'memory-used', ownerId: '123456789012345678', count: 2, keys: ['0a1b2c', 'ffffff'] },
    {
      action: 'memory-used',
      ownerId: '12345678901234567890',
      count: 99,
      keys: Array.from({ length: 10 }, (_, index) => `abcde${index}`),
    },
  ])('decodes what it encoded: $action', (value) => {
    const encoded = encodeCustomId(value);
    expect(encoded.length).toBeLessThanOrEqual(100);
    expect(encoded.startsWith('dl1:')).toBe(true);
    expect(decodeCustomId(encoded)).toEqual(value);
  });

  it.each([
    ['another bot', 'vote:abc:1'],
    ['an older format', 'dl0:f:abc:1'],
    ['an empty id', ''],
    ['an unknown action', 'dl1:x:abc'],
    ['a missing slot', 'dl1:f:abc'],
    ['a slot that is not a number', 'dl1:f:abc:one'],
    ['a slot past H', 'dl1:s:abc:8'],
    ['a negative slot', 'dl1:f:abc:-1'],
    ['a fractional slot', 'dl1:f:abc:1.5'],
    ['an extra field', 'dl1:r:abc:1'],
    ['an extra field on a reason menu', 'dl1:t:abc:1'],
    ['a trailing separator', 'dl1:f:abc:1:'],
    ['a comparison id with a space', 'dl1:r:ab c'],
    ['a comparison id of 33 characters', `dl1:r:${'a'.repeat(33)}`],
    ['an empty comparison id', 'dl1:r:'],
    ['an id over 100 characters', `dl1:c:${'a'.repeat(100)}`],
    ['a memory button without a Discord user id', 'dl1:m:alice:1:abcdef'],
    ['a memory button without fact keys', 'dl1:m:123456789012345678:1:'],
    ['a memory button with a key that is not short hex', 'dl1:m:123456789012345678:1:Mia'],
    ['a memory button with a count of 0', 'dl1:m:123456789012345678:0:abcdef'],
  ])('ignores %s', (_, raw) => {
    expect(decodeCustomId(raw)).toBeNull();
  });

  it('refuses to encode a comparison id that could not round-trip', () => {
    expect(() => encodeCustomId({ action: 'reveal', comparisonId: 'has:colon' })).toThrow();
    expect(() => encodeCustomId({ action: 'full', comparisonId: 'abc', slot: 12 })).toThrow();
  });
});
