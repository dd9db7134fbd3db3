// The vote reactions Discord still shows after /forget-me. Where the bot may remove other people's reactions
// (Manage Messages in that channel) /forget-me offers a button; the list it acts on is kept in this process's
// memory only, for as long as the button works, so nothing about the forgotten votes is written anywhere.
import { DiscordAPIError, PermissionFlagsBits, Routes, type Client } from 'discord.js';
import type { ReactionSpot } from '../../render/discord/forget-me-reply.js';
import type { ComparisonStore } from '../../records/comparisons/comparison-store.js';
import { emojiForChoice } from '../../records/votes/vote-emoji.js';
import type { VoteLedger } from '../../records/votes/vote-ledger.js';

export interface ForgottenReactions {
  /** Remembers the spots the button will clear for this user, replacing any earlier offer. */
  offer(userHash: string, spots: readonly ReactionSpot[]): void;
  /** The spots offered to this user and not yet taken, while the offer lasts. */
  take(userHash: string): ReactionSpot[] | undefined;
}

// As long as Discord lets the bot edit its ephemeral reply with the button (an interaction token lives 15 minutes).
const OFFER_MS = 15 * 60 * 1000;

export function createForgottenReactions(now: () => number = Date.now): ForgottenReactions {
  const offers = new Map<string, { spots: ReactionSpot[]; until: number }>();
  return {
    offer(userHash, spots) {
      for (const [key, offer] of offers) if (offer.until < now()) offers.delete(key);
      offers.set(userHash, { spots: [...spots], until: now() + OFFER_MS });
    },
    take(userHash) {
      const offer = offers.get(userHash);
      offers.delete(userHash);
      return offer !== undefined && offer.until >= now() ? offer.spots : undefined;
    },
  };
}

/** Where the user's stored vote reactions are; read before /forget-me deletes them. */
export async function findReactionSpots(records: { votes: VoteLedger; comparisons: ComparisonStore }, voterHash: string): Promise<ReactionSpot[]> {
  const spots: ReactionSpot[] = [];
  for (const { comparisonId, choices } of await records.votes.reactionsOf(voterHash)) {
    const ballot = await records.comparisons.ballot(comparisonId);
    if (ballot?.channelId == null || ballot.messageId === null) continue;
    spots.push({ guildId: ballot.guildId, channelId: ballot.channelId, messageId: ballot.messageId, emoji: choices.map(emojiForChoice) });
  }
  return spots;
}

/** Discord lets a bot remove someone else's reaction only in a server channel where it has Manage Messages. */
export function botMayRemove(client: Client, spot: ReactionSpot): boolean {
  if (spot.guildId === null || client.user === null) return false;
  const channel = client.channels.cache.get(spot.channelId);
  if (channel === undefined || channel.isDMBased()) return false;
  return channel.permissionsFor(client.user)?.has(PermissionFlagsBits.ManageMessages) ?? false;
}

/** Removes the user's reactions; returns how many messages were cleared and which could not be. */
export async function removeReactions(client: Client, userId: string, spots: readonly ReactionSpot[]): Promise<{ cleared: number; failed: ReactionSpot[] }> {
  let cleared = 0;
  const failed: ReactionSpot[] = [];
  for (const spot of spots) {
    try {
      for (const emoji of spot.emoji) await client.rest.delete(Routes.channelMessageUserReaction(spot.channelId, spot.messageId, encodeURIComponent(emoji), userId));
      cleared += 1;
    } catch (error) {
      // The message is gone or the permission was taken away meanwhile: the user is told which ones remain.
      if (!(error instanceof DiscordAPIError)) throw error;
      failed.push(spot);
    }
  }
  return { cleared, failed };
}
