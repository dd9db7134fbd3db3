// Repairs the stored votes of recent comparisons from the reactions Discord shows on their messages: votes cast
// while the bot was stopped or the store unreachable count, and withdrawals it missed are applied. Pages through
// GET /channels/{channel}/messages/{message}/reactions/{emoji} (at most 100 users a page, resumed `after` the last
// user id). Which reaction of several is a voter's live vote follows src/records/votes/reconcile-reactions.ts: reactions
// found only on Discord are newer than those stored before `listeningSince`, older than those stored since.
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client } from 'discord.js';
import { z } from 'zod';
import type { RecentMessage } from '../../records/comparisons/recent-messages.js';
import { ballotEmojis, choiceFromEmoji } from '../../records/votes/vote-emoji.js';
import type { VoteChoice } from '../../records/votes/vote.js';
import type { Services } from '../services.js';

const PAGE_LIMIT = 100;
// A reaction received this shortly before a pass may still be on its way to the store: the live event settles it.
const IN_FLIGHT_MARGIN_MS = 10_000;
const ReactionUsersSchema = z.array(z.object({ id: z.string().min(1), bot: z.boolean().optional() }));
// The message or channel is gone, or the bot may no longer see it: nothing there to reconcile.
const GONE = new Set<number | string>([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.MissingAccess]);

export interface ReconcileResult {
  comparisons: number;
  repairs: number;
}

async function usersWith(client: Client, channelId: string, messageId: string, emoji: string): Promise<string[]> {
  const userIds: string[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT), ...(after === undefined ? {} : { after }) });
    const raw = await client.rest.get(Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)), { query });
    const parsed = ReactionUsersSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`Discord's list of ${emoji} reactions on message ${messageId} is not a list of users: ${parsed.error.message}`);
    for (const user of parsed.data) if (!user.bot && user.id !== client.user?.id) userIds.push(user.id);
    if (parsed.data.length < PAGE_LIMIT) return userIds;
    after = parsed.data.at(-1)!.id;
  }
}

/** Whether this process (this shard) serves the comparison's server; direct messages belong to shard 0. */
function servedHere(client: Client, guildId: string | null): boolean {
  if (guildId === null) return client.shard === null || client.shard.ids.includes(0);
  return client.guilds.cache.has(guildId);
}

async function reconcileOne(client: Client, services: Services, recent: RecentMessage & { channelId: string }, pass: { startedAt: number; listeningSince: Date }): Promise<number | undefined> {
  const ballot = await services.comparisons.ballot(recent.comparisonId);
  // A running comparison has no vote reactions yet; recovery finishes it if its process is gone.
  if (ballot === undefined || ballot.status !== 'done' || !servedHere(client, ballot.guildId)) return undefined;
  const onDiscord = new Map<string, VoteChoice[]>();
  try {
    for (const emoji of ballotEmojis(ballot.slots.map((slot) => slot.status === 'ok'))) {
      const choice = choiceFromEmoji(emoji, ballot.slots.length);
      if (choice === null) continue;
      for (const userId of await usersWith(client, recent.channelId, recent.messageId, emoji)) {
        const voterHash = services.hashUser(userId);
        onDiscord.set(voterHash, [...(onDiscord.get(voterHash) ?? []), choice]);
      }
    }
  } catch (error) {
    if (error instanceof DiscordAPIError && GONE.has(error.code)) return undefined;
    throw error;
  }
  let repairs = 0;
  for (const voterHash of new Set([...onDiscord.keys(), ...(await services.votes.votersOf(ballot.id))])) {
    // A reaction received since this pass began is newer than the list just read: the live event is right.
    if ((services.reactions.lastEventAt(recent.messageId, voterHash) ?? 0) >= pass.startedAt - IN_FLIGHT_MARGIN_MS) continue;
    repairs += await services.votes.reconcile(ballot.id, voterHash, ballot, onDiscord.get(voterHash) ?? [], pass.listeningSince);
  }
  return repairs;
}

/**
 * Reconciles every comparison created in the last RECONCILE_DAYS days; 0 days turns it off. `listeningSince` is when
 * this process began receiving reactions (its client became ready).
 */
export async function reconcileVotes(client: Client, services: Services, listeningSince: Date, now = new Date()): Promise<ReconcileResult> {
  const result: ReconcileResult = { comparisons: 0, repairs: 0 };
  const days = services.settings.RECONCILE_DAYS;
  if (days === 0) return result;
  const since = new Date(now.getTime() - days * 86_400_000);
  const startedAt = Date.now();
  await services.comparisons.pruneRecentMessages(since);
  for await (const recent of services.comparisons.recentMessages(since)) {
    if (recent.channelId === null) continue;
    const repairs = await reconcileOne(client, services, { ...recent, channelId: recent.channelId }, { startedAt, listeningSince });
    if (repairs === undefined) continue;
    result.comparisons += 1;
    result.repairs += repairs;
  }
  services.metrics.votesRepaired(result.repairs);
  return result;
}
