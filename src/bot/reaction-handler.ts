// Votes: a reaction on a comparison message is a vote. Works on messages the bot no longer has cached
// (after a restart): only the message id is needed to find the comparison in the store. The bot's own
// and other bots' reactions never count. The event goes through the reaction recorder, which keeps it in
// the local journal while the store is unreachable.
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { SLOT_LETTERS } from '../comparisons/comparison.js';
import { choiceFromEmoji } from '../render/discord/vote-emoji.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import type { ReactionChange } from '../votes/vote-ledger.js';
import type { Services } from './services.js';

export async function handleReaction(
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
  change: ReactionChange,
  services: Services,
): Promise<void> {
  if (user.id === reaction.client.user.id) return;
  // Guild reaction events carry the member's user; DM events may not, so ask Discord whether it is a bot.
  const isBot = user.partial ? (await user.fetch()).bot : user.bot;
  if (isBot) return;
  const emoji = reaction.emoji.name;
  // Emoji that can never be a vote stay out of the store lookups (and out of the journal during an outage).
  if (!emoji || choiceFromEmoji(emoji, SLOT_LETTERS.length) === null) return;
  let voterHash: string;
  try {
    voterHash = services.hashUser(user.id);
  } catch (error) {
    // Started while the store was down and without VOTER_HASH_SALT: no salt to hash with, so nothing to journal.
    // The reaction stays on Discord and reconciliation counts it once the store is up.
    if (isStoreUnavailable(error)) return;
    throw error;
  }
  await services.reactions.record({ messageId: reaction.message.id, voterHash, emoji, change, at: new Date().toISOString() });
}
