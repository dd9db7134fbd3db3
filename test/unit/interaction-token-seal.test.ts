import { describe, expect, it } from 'vitest';
import { createInteractionTokenSeal } from '../../src/bot/interaction-token-seal.ts';

const TOKEN = 'aW50ZXJhY3Rpb246MTIz:interaction-token-value';

describe('interaction token seal', () => {
  it('stores no part of the token in clear, and opens it again with the same bot token', () => {
    const sealed = createInteractionTokenSeal('bot-token-1').seal(TOKEN);
    expect(sealed).not.toContain('interaction-token-value');
    expect(sealed).not.toContain(Buffer.from(TOKEN).toString('base64url').slice(0, 16));
    expect(createInteractionTokenSeal('bot-token-1').open(sealed)).toBe(TOKEN);
  });

  it('opens nothing once the bot token changed, or when the stored value was altered or is from an older release', () => {
    const seal = createInteractionTokenSeal('bot-token-1');
    const sealed = seal.seal(TOKEN);
    expect(createInteractionTokenSeal('bot-token-2').open(sealed)).toBeUndefined();
    const parts = sealed.split('.');
    const flipped = [
      ...parts.slice(0, 2),
      `${parts[2]?.startsWith('A') ? 'B' : 'A'}${parts[2]?.slice(1)}`,
      parts[3],
    ].join('.');
    expect(seal.open(flipped)).toBeUndefined();
    expect(seal.open(TOKEN)).toBeUndefined();
  });
});
