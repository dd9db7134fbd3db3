// Tombstones left by /forget-me: per salted user hash, only the time the user was forgotten (nothing readable).
// Every path that writes votes, prompts or memory back (live reactions, journal replay, reconciliation with
// Discord, restore) asks here, so what a user deleted stays deleted while what they do afterwards counts.
import { z } from 'zod';
import type { Store } from '../../store/open-store.ts';

export const FORGOTTEN_USERS_NAMESPACE = 'forgotten-users';
export const TombstoneSchema = z.strictObject({ forgottenAt: z.iso.datetime({ offset: true }) });
export type Tombstone = z.infer<typeof TombstoneSchema>;

export interface ForgottenUsers {
  /** Records that everything of `userHash` up to `at` is forgotten; a later /forget-me moves the time on. */
  forget(userHash: string, at?: Date): Promise<void>;
  /** When the user was last forgotten, or undefined when never. */
  forgottenAt(userHash: string): Promise<Date | undefined>;
}

/** Whether something of a forgotten user that happened at `at` falls under the tombstone (so stays deleted). */
export const coveredByTombstone = (at: string | Date, forgottenAt: Date | undefined): boolean =>
  forgottenAt !== undefined && new Date(at).getTime() <= forgottenAt.getTime();

export function createForgottenUsers(store: Store): ForgottenUsers {
  const tombstones = store.namespace(FORGOTTEN_USERS_NAMESPACE, TombstoneSchema);
  return {
    forget: (userHash, at = new Date()) => tombstones.set(userHash, { forgottenAt: at.toISOString() }),
    async forgottenAt(userHash) {
      const tombstone = await tombstones.get(userHash);
      return tombstone === undefined ? undefined : new Date(tombstone.forgottenAt);
    },
  };
}
