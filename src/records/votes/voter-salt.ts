// The secret salt for hashing user ids: VOTER_HASH_SALT if set, else generated once and kept in the store,
// so hashes stay stable across restarts and processes without any set-up.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../../store/open-store.ts';

export const DEPLOYMENT_NAMESPACE = 'deployment';
export const DeploymentSecretSchema = z.string().min(16);

export async function voterSalt(store: Store, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const deployment = store.namespace(DEPLOYMENT_NAMESPACE, DeploymentSecretSchema);
  const existing = await deployment.get('voter-salt');
  if (existing) return existing;
  await deployment.set('voter-salt', randomBytes(32).toString('hex'));
  // Two processes starting at once may both write; everyone uses whichever value won.
  return (await deployment.get('voter-salt')) as string;
}
