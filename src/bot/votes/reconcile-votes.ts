// Repairs the stored votes of recent comparisons from the reactions Discord shows on their messages: votes cast
// while the bot was stopped or the store unreachable count, and withdrawals it missed are applied. Costs what it
// must: one GET of the message per comparison (its `reactions` carry each emoji's count and `me`), and the users of
// an emoji (GET …/reactions/{emoji}, 100 a page) only where that count differs from the votes stored plus the bot's
// own reaction. Newest comparisons first, at most RECONCILE_REQUESTS_PER_SECOND requests a second, so users' own
// calls never queue behind it. Which reaction of several is a voter's live vote follows src/records/votes/reconcile-reactions.ts.
// Reactions found only on Discord are newer than those stored before `listeningSince`, older than those stored since.
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client } from 'discord.js';
import { z } from 'zod';
import type { ReconcileRequestKind } from '../../metrics/bot-metrics.ts';
import type { RecentMessage } from '../../records/comparisons/recent-messages.ts';
import { ballotEmojis, choiceFromEmoji } from '../../records/votes/vote-emoji.ts';
import { sameChoice } from '../../records/votes/reaction-list.ts';
import type { VoteChoice } from '../../records/votes/vote.ts';
import type { Services } from '../services.ts';
import type { RequestBudget } from './request-budget.ts';

const PAGE_LIMIT = 100;
// A reaction received this shortly before a pass may still be on its way to the store: the live event settles it.
const IN_FLIGHT_MARGIN_MS = 10_000;
const ReactionUsersSchema = z.array(z.object({ id: z.string().min(1), bot: z.boolean().optional() }));
const MessageReactionsSchema = z.looseObject({
  reactions: z
    .array(
      z.looseObject({
        emoji: z.looseObject({ id: z.string().nullable(), name: z.string().nullable() }),
        count: z.int().min(0),
        me: z.boolean(),
      }),
    )
    .optional(),
});
// The message or its channel is gone: it is dropped from the index, nothing will ever be there to reconcile.
const GONE = new Set<number | string>([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel]);
// The bot may no longer see it (for now): skipped, kept for a later pass.
const HIDDEN = new Set<number | string>([RESTJSONErrorCodes.MissingAccess]);

export interface ReconcileResult {
  comparisons: number;
  repairs: number;
  /** Index entries dropped because their message or channel no longer exists. */
  gone: number;
}

interface Pass {
  client: Client;
  services: Services;
  budget: RequestBudget;
  signal: AbortSignal;
  startedAt: number;
  listeningSince: Date;
}

async function request(
  pass: Pass,
  kind: ReconcileRequestKind,
  route: `/${string}`,
  query?: URLSearchParams,
): Promise<unknown> {
  await pass.budget.take(pass.signal);
  pass.services.metrics.reconcileRequest(kind);
  // No signal here: shutdown waits for the request in flight (a few milliseconds) rather than leave it half done.
  return pass.client.rest.get(route, query === undefined ? {} : { query });
}

async function usersWith(
  pass: Pass,
  recent: { channelId: string; messageId: string },
  emoji: string,
): Promise<string[]> {
  const userIds: string[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT), ...(after === undefined ? {} : { after }) });
    const raw = await request(
      pass,
      'reaction-users',
      Routes.channelMessageReaction(recent.channelId, recent.messageId, encodeURIComponent(emoji)),
      query,
    );
    const parsed = ReactionUsersSchema.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `Discord's list of ${emoji} reactions on message ${recent.messageId} is not a list of users: ${parsed.error.message}`,
      );
    for (const user of parsed.data) if (!user.bot && user.id !== pass.client.user?.id) userIds.push(user.id);
    if (parsed.data.length < PAGE_LIMIT) return userIds;
    after = parsed.data.at(-1)!.id;
  }
}

/** Whether this process (this shard) serves the comparison's server; direct messages belong to shard 0. */
function servedHere(client: Client, guildId: string | null): boolean {
  if (guildId === null) return client.shard === null || client.shard.ids.includes(0);
  return client.guilds.cache.has(guildId);
}

type Outcome = { kind: 'reconciled'; repairs: number } | { kind: 'skipped' } | { kind: 'gone' };

async function reconcileOne(pass: Pass, recent: RecentMessage & { channelId: string }): Promise<Outcome> {
  const { client, services } = pass;
  const ballot = await services.comparisons.ballot(recent.comparisonId);
  // A running comparison has no vote reactions yet; recovery finishes it if its process is gone.
  if (ballot === undefined || ballot.status !== 'done' || !servedHere(client, ballot.guildId))
    return { kind: 'skipped' };
  const stored = await services.votes.reactionsOn(ballot.id);
  // Each voter's reactions as Discord shows them: what the store holds, corrected emoji by emoji below.
  const onDiscord = new Map<string, VoteChoice[]>(stored.map(({ voterHash, choices }) => [voterHash, [...choices]]));
  try {
    const message = MessageReactionsSchema.safeParse(
      await request(pass, 'message', Routes.channelMessage(recent.channelId, recent.messageId)),
    );
    if (!message.success)
      throw new Error(`Discord's message ${recent.messageId} has no readable reactions: ${message.error.message}`);
    for (const emoji of ballotEmojis(ballot.slots.map((slot) => slot.status === 'ok'))) {
      const choice = choiceFromEmoji(emoji, ballot.slots.length);
      if (choice === null) continue;
      const shown = message.data.reactions?.find(
        (reaction) => reaction.emoji.id === null && reaction.emoji.name === emoji,
      );
      const voters = (shown?.count ?? 0) - (shown?.me === true ? 1 : 0);
      const storedVoters = stored.filter(({ choices }) => choices.some((known) => sameChoice(known, choice))).length;
      // Same count as the store: nothing to read. (A swap, one reaction added and another removed while the bot
      // was away, goes unseen until the count moves; the cost of reading every list on every pass is far higher.)
      if (voters === storedVoters) continue;
      const userIds = voters <= 0 ? [] : await usersWith(pass, recent, emoji);
      const withEmoji = new Set(userIds.map((userId) => services.hashUser(userId)));
      for (const voterHash of new Set([...onDiscord.keys(), ...withEmoji])) {
        const choices = (onDiscord.get(voterHash) ?? []).filter((known) => !sameChoice(known, choice));
        onDiscord.set(voterHash, withEmoji.has(voterHash) ? [...choices, choice] : choices);
      }
    }
  } catch (error) {
    if (error instanceof DiscordAPIError && GONE.has(error.code)) {
      await services.comparisons.forgetRecentMessage(new Date(ballot.createdAt), ballot.id);
      return { kind: 'gone' };
    }
    if (error instanceof DiscordAPIError && HIDDEN.has(error.code)) return { kind: 'skipped' };
    throw error;
  }
  const storedBy = new Map(stored.map(({ voterHash, choices }) => [voterHash, choices]));
  const unchanged = (voterHash: string, choices: readonly VoteChoice[]) => {
    const known = storedBy.get(voterHash) ?? [];
    return (
      known.length === choices.length && choices.every((choice) => known.some((other) => sameChoice(other, choice)))
    );
  };
  let repairs = 0;
  for (const [voterHash, choices] of onDiscord) {
    if (unchanged(voterHash, choices)) continue;
    // A reaction received since this pass began is newer than the list just read: the live event is right.
    if ((services.reactions.lastEventAt(recent.messageId, voterHash) ?? 0) >= pass.startedAt - IN_FLIGHT_MARGIN_MS)
      continue;
    repairs += await services.votes.reconcile(ballot.id, voterHash, ballot, choices, pass.listeningSince);
  }
  return { kind: 'reconciled', repairs };
}

/**
 * Reconciles every comparison created in the last RECONCILE_DAYS days, newest first; 0 days turns it off.
 * `listeningSince` is when this process began receiving reactions (its client became ready). When `signal` aborts
 * (shutdown), it stops between requests and rejects with an AbortError.
 */
export async function reconcileVotes(
  client: Client,
  services: Services,
  options: { listeningSince: Date; budget: RequestBudget; signal: AbortSignal; now?: Date },
): Promise<ReconcileResult> {
  const result: ReconcileResult = { comparisons: 0, repairs: 0, gone: 0 };
  const days = services.settings.RECONCILE_DAYS;
  if (days === 0) return result;
  const since = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  const pass: Pass = {
    client,
    services,
    budget: options.budget,
    signal: options.signal,
    startedAt: Date.now(),
    listeningSince: options.listeningSince,
  };
  await services.comparisons.pruneRecentMessages(since);
  try {
    for await (const recent of services.comparisons.recentMessages(since)) {
      options.signal.throwIfAborted();
      if (recent.channelId === null) continue;
      const outcome = await reconcileOne(pass, { ...recent, channelId: recent.channelId });
      if (outcome.kind === 'gone') result.gone += 1;
      if (outcome.kind !== 'reconciled') continue;
      result.comparisons += 1;
      result.repairs += outcome.repairs;
    }
  } finally {
    services.metrics.votesRepaired(result.repairs);
  }
  return result;
}
