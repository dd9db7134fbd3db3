// Votes: a reaction on a comparison message is a vote. Works on messages the bot no longer has cached
// (after a restart): only the message id is needed to find the comparison in the store. The bot's own
// and other bots' reactions never count.
import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import { choiceFromEmoji, isBallotChoice } from '../render/discord/vote-emoji.js';
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
  if (!emoji) return;
  const comparison = await services.comparisons.findByMessageId(reaction.message.id);
  if (!comparison) return;
  const choice = choiceFromEmoji(emoji, comparison.slots.length);
  // A letter of a failed slot (added by hand) is not a vote: failed answers take no part.
  if (!choice || !isBallotChoice(choice, comparison.slots.map((slot) => slot.status === 'ok'))) return;
  const voterHash = services.hashUser(user.id);
  await services.votes.applyReaction(
    { comparisonId: comparison.id, voterHash, choice, guildId: comparison.guildId, afterReveal: false, at: new Date() },
    change,
  );
  services.metrics.voteApplied(change);
}
