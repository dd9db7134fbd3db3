// Turns a Discord user id into the voter hash the ledger stores: HMAC-SHA256 with the deployment's secret salt,
// so stored votes cannot be joined back to accounts without that secret.
import { createHmac } from 'node:crypto';

export function hashVoter(userId: string, salt: string): string {
  if (salt === '') throw new Error('hashVoter needs a non-empty salt: without one, voter hashes could be reversed');
  return createHmac('sha256', salt).update(userId).digest('hex');
}
