// Votes: a reaction on a comparison message is a vote. Works on messages the bot no longer has cached
// (after a restart): only the message id is needed to find the comparison in the store. The bot's own
// and other bots' reactions never count. The event goes through the reaction recorder, which keeps it in
// the local journal while the store is unreachable.
import { SLOT_LETTERS } from '../../records/comparisons/comparison.ts';
import { choiceFromEmoji } from '../../records/votes/vote-emoji.ts';
import { isStoreUnavailable } from '../../store/store-unavailable.ts';
import type { ReactionChange } from '../../records/votes/vote-ledger.ts';
import type { Services } from '../services.ts';

/** A reaction as the gateway reported it: from discord.js's reaction events or, for uncached DMs, the raw packet. */
export interface SeenReaction {
  messageId: string;
  userId: string;
  emoji: string | null;
  /** Whether the user is a bot; may ask Discord, since DM events carry only the user's id. */
  isBot(): Promise<boolean>;
}

export async function handleReaction(
  reaction: SeenReaction,
  change: ReactionChange,
  services: Pick<Services, 'hashUser' | 'reactions'>,
  botUserId: string,
): Promise<void> {
  if (reaction.userId === botUserId) return;
  // Emoji that can never be a vote stay out of the store lookups (and out of the journal during an outage).
  if (!reaction.emoji || choiceFromEmoji(reaction.emoji, SLOT_LETTERS.length) === null) return;
  if (await reaction.isBot()) return;
  let voterHash: string;
  try {
    voterHash = services.hashUser(reaction.userId);
  } catch (error) {
    // Started while the store was down and without VOTER_HASH_SALT: no salt to hash with, so nothing to journal.
    // The reaction stays on Discord and reconciliation counts it once the store is up.
    if (isStoreUnavailable(error)) return;
    throw error;
  }
  await services.reactions.record({
    messageId: reaction.messageId,
    voterHash,
    emoji: reaction.emoji,
    change,
    at: new Date().toISOString(),
  });
}
