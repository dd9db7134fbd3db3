// What /forget-me answers: what was deleted, and what Discord itself still shows (the vote reactions), with a
// button to remove them where the bot may, and where it may not, how the user removes them.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type InteractionEditReplyOptions } from 'discord.js';
import { encodeCustomId } from './custom-id.ts';
import { plural } from '../../base/plural.ts';

const LINKS_SHOWN = 5;

/** One comparison message and the user's vote reactions on it. */
export interface ReactionSpot {
  guildId: string | null;
  channelId: string;
  messageId: string;
  emoji: string[];
}

const messageLink = (spot: ReactionSpot) =>
  `https://discord.com/channels/${spot.guildId ?? '@me'}/${spot.channelId}/${spot.messageId}`;

/** Links to the first few messages, and how many more there are. */
export function messageLinks(spots: readonly ReactionSpot[]): string {
  const shown = spots.slice(0, LINKS_SHOWN).map(messageLink).join(' ');
  return spots.length > LINKS_SHOWN ? `${shown} and ${spots.length - LINKS_SHOWN} more` : shown;
}

export function forgetMeReply(done: {
  votes: number;
  prompts: number;
  facts: number;
  removable: readonly ReactionSpot[];
  manual: readonly ReactionSpot[];
}): InteractionEditReplyOptions {
  const lines = [
    `Done: deleted ${plural(done.votes, 'vote')}, the text of ${plural(done.prompts, 'prompt')} you wrote and ${plural(done.facts, 'remembered fact')}, everywhere this bot runs. Memory is off for you now.`,
    'The models’ answers to those prompts stay, without your words. Chat messages are never stored by the bot (it reads them from Discord when needed).',
  ];
  if (done.removable.length > 0) {
    lines.push(
      `Discord still shows your vote reactions under ${plural(done.removable.length, 'comparison message')}; they no longer count, also after a restart. **Remove my reactions** takes them off (within 15 minutes).`,
    );
  }
  if (done.manual.length > 0) {
    lines.push(
      `Discord still shows your vote reactions under ${plural(done.manual.length, 'message')} where the bot may not remove them (direct messages, or channels where it lacks Manage Messages). They no longer count; to remove them, click each of your reactions there: ${messageLinks(done.manual)}`,
    );
  }
  const button = new ButtonBuilder()
    .setCustomId(encodeCustomId({ action: 'unreact' }))
    .setLabel('Remove my reactions')
    .setStyle(ButtonStyle.Secondary);
  return {
    content: lines.join('\n'),
    components: done.removable.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(button)] : [],
  };
}
