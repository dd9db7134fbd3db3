// Interaction tokens are stored sealed (AES-256-GCM) with a key derived from the bot token, which the store
// never holds: a copy of the store, or a backup, alone reveals no token that could edit the bot's messages.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';
// Fixed, public inputs to HKDF: they only keep this key apart from any other derived from the same bot token.
const HKDF_SALT = 'dialog-lab';
const HKDF_INFO = 'interaction-token-seal v1';
const IV_BYTES = 12; // GCM's standard nonce size
const TAG_BYTES = 16;

export interface InteractionTokenSeal {
  seal(token: string): string;
  /** The token, or undefined when `sealed` was not sealed with this key (the bot token changed) or is damaged. */
  open(sealed: string): string | undefined;
}

export function createInteractionTokenSeal(botToken: string): InteractionTokenSeal {
  const key = Buffer.from(hkdfSync('sha256', botToken, HKDF_SALT, HKDF_INFO, 32));
  return {
    seal(token) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return [FORMAT, iv, encrypted, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [format, iv, encrypted, tag, ...rest] = sealed.split('.');
      if (format !== FORMAT || iv === undefined || encrypted === undefined || tag === undefined || rest.length > 0)
        return undefined;
      const tagBytes = Buffer.from(tag, 'base64url');
      if (tagBytes.length !== TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // GCM's check failed: another key (the bot token changed) or altered bytes; either way there is no token.
        return undefined;
      }
    },
  };
}
