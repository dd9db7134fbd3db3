// A short name for one of a user's facts that can travel in a public button's custom id without revealing the
// fact: an HMAC keyed with the user's salted hash, which never leaves the bot, so it cannot be guessed from
// outside by hashing likely facts.
import { createHmac } from 'node:crypto';

// 24 bits: among one user's at most 200 facts a false match is about one in 80,000, and it could only ever
// show the owner another of their own facts.
const KEY_HEX_LENGTH = 6;

export const factKey = (userHash: string, fact: string): string =>
  createHmac('sha256', userHash).update(fact).digest('hex').slice(0, KEY_HEX_LENGTH);
