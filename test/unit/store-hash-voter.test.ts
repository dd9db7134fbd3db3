import { describe, expect, it } from 'vitest';
import { hashVoter } from '../../src/records/votes/hash-voter.ts';

describe('hashVoter', () => {
  it('gives the HMAC-SHA256 of the user id keyed with the salt, in hex', () => {
    // printf '123456789012345678' | openssl dgst -sha256 -hmac 'pepper'
    expect(hashVoter('123456789012345678', 'pepper')).toBe(
      'f0728333065aa08432a7aaaf8501ea7c1be83e766d58ea183560ecf86c932f9b',
    );
  });

  it('gives different hashes for the same user under different salts', () => {
    expect(hashVoter('123456789012345678', 'one')).not.toBe(hashVoter('123456789012345678', 'two'));
  });

  it('refuses an empty salt', () => {
    expect(() => hashVoter('123', '')).toThrow('hashVoter needs a non-empty salt');
  });
});
