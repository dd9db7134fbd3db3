// The vote ledger: a user's reaction is their vote, changing it replaces it, removing it withdraws it, and each
// user has one live vote per comparison. Each (comparison, voter) pair is its own key, so concurrent voters never
// write the same key and no process can lose another's vote; one voter's events run in arrival order.
import type { Store } from '../../store/open-store.ts';
import { ratingsMarker } from '../comparisons/ratings-marker.ts';
import { touchingOnWrite } from '../../store/change-marker.ts';
import { createCountRecords, refreshingCountRecords } from '../counting/count-records.ts';
import { createKeyedQueue } from '../../store/keyed-queue.ts';
import { coveredByTombstone, createForgottenUsers } from './forgotten-users.ts';
import { liveVoteOf, sameChoice, withReaction, withoutReaction } from './reaction-list.ts';
import { reconcileReactions } from './reconcile-reactions.ts';
import type { VoteChoice, VoteRecord } from './vote.ts';
import { RevealMarkSchema, VoteDaySchema, VoterReactionsSchema, type VoterReactions } from './vote-schema.ts';

export interface ReactionEvent {
  comparisonId: string;
  voterHash: string;
  choice: VoteChoice;
  guildId: string | null;
  /** True when the caller already knows the voter saw the pipelines; a stored reveal mark also counts. */
  afterReveal: boolean;
  at: Date;
  /** Cast while answers were still being written: the slots whose answers were in. Absent: all were. */
  completeSlots?: readonly number[];
  /** 'button' where the bot cannot add or read reactions; reconciliation with Discord's reactions leaves those alone. */
  source?: 'button';
}

export type ReactionChange = 'add' | 'remove';

export interface VoteFilter {
  /** Only votes from this server (null: from direct messages). */
  guildId?: string | null;
  /** Only votes from one of these servers (never from direct messages): the servers that publish. */
  guildIds?: ReadonlySet<string>;
  /** Votes cast after the voter revealed the pipelines; included unless set to false. */
  includeAfterReveal?: boolean;
}

export interface VoteLedgerOptions {
  /**
   * The daily vote cap of the server a vote is cast in (null: direct messages): comparisons a voter may vote on
   * there per UTC day before further votes are flagged `overCap`; 0 = unlimited. Asked at each first vote on a
   * comparison, so a changed /config applies at once. Without it, nothing is capped.
   */
  votesPerDay?: (guildId: string | null) => Promise<number>;
}

export interface VoteLedger {
  /** Records one reaction added or removed, and returns the voter's live vote afterwards (null: none). */
  applyReaction(event: ReactionEvent, change: ReactionChange): Promise<VoteRecord | null>;
  liveVote(comparisonId: string, voterHash: string): Promise<VoteRecord | null>;
  /** Stores reason tags with the voter's live vote; null (nothing stored) when they have no live vote. */
  setTags(comparisonId: string, voterHash: string, tags: readonly string[]): Promise<VoteRecord | null>;
  votesFor(comparisonId: string): Promise<VoteRecord[]>;
  /** Live votes one at a time in key order (grouped by comparison, then voter), so memory stays flat. */
  streamVotes(filter?: VoteFilter): AsyncGenerator<VoteRecord>;
  allVotes(filter?: VoteFilter): Promise<VoteRecord[]>;
  /** The vote reactions one voter has stored, per comparison (what Discord shows of them, for /forget-me). */
  reactionsOf(voterHash: string): Promise<Array<{ comparisonId: string; choices: VoteChoice[] }>>;
  /** Deletes every vote and reveal mark of one voter (/forget-me); returns how many votes were deleted. */
  deleteVoter(voterHash: string): Promise<number>;
  markRevealed(comparisonId: string, voterHash: string, at?: Date): Promise<void>;
  /** Every voter's stored reactions on one comparison (what Discord should show besides the bot's own). */
  reactionsOn(comparisonId: string): Promise<Array<{ voterHash: string; choices: VoteChoice[] }>>;
  /**
   * Makes one voter's stored reactions match the vote reactions Discord shows (see reconcile-reactions.ts for how
   * their order is decided, around the reactions stored since `listeningSince`, when this process began receiving
   * reactions); returns how many reactions were added or removed. For a voter who used /forget-me after the
   * comparison was created, only reactions the ledger already holds (seen live after it) are kept.
   */
  reconcile(
    comparisonId: string,
    voterHash: string,
    comparison: { guildId: string | null; createdAt: string },
    onDiscord: readonly VoteChoice[],
    listeningSince: Date,
    at?: Date,
  ): Promise<number>;
  hasRevealed(comparisonId: string, voterHash: string): Promise<boolean>;
}

// Ids become parts of keys and key-prefix scans: ':' separates the parts, the rest would be wildcards on Redis.
const ID = /^[^:*?[\]\\\s]+$/;

function keyOf(comparisonId: string, voterHash: string): string {
  if (!ID.test(comparisonId))
    throw new Error(`Comparison id ${JSON.stringify(comparisonId)} cannot be used as a vote key`);
  if (!ID.test(voterHash)) throw new Error(`Voter hash ${JSON.stringify(voterHash)} cannot be used as a vote key`);
  return `${comparisonId}:${voterHash}`;
}

// A day's counter outlives its day by one, so a vote just before midnight UTC still finds it.
const VOTE_DAY_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/** Reason tags belong to the choice they were given for: kept while the live choice stays the same, else dropped. */
function tagsStillApplying(
  entry: VoterReactions | undefined,
  reactions: VoterReactions['reactions'],
): string[] | undefined {
  const before = entry?.reactions.at(-1)?.choice;
  const after = reactions.at(-1)?.choice;
  return entry?.tags !== undefined && before !== undefined && after !== undefined && sameChoice(before, after)
    ? entry.tags
    : undefined;
}

export function createVoteLedger(store: Store, options: VoteLedgerOptions = {}): VoteLedger {
  // A vote changing rewrites its comparison's count record, then moves the ratings marker.
  const comparisonIdOfKey = (key: string) => key.slice(0, key.indexOf(':'));
  const votes = touchingOnWrite(
    refreshingCountRecords(
      store.namespace('votes', VoterReactionsSchema),
      createCountRecords(store),
      comparisonIdOfKey,
    ),
    ratingsMarker(store),
  );
  const reveals = store.namespace('reveals', RevealMarkSchema);
  const voteDays = store.namespace('vote-days', VoteDaySchema);
  const forgotten = createForgottenUsers(store);
  const queue = createKeyedQueue();
  const votesPerDay = options.votesPerDay ?? (() => Promise.resolve(0));

  /**
   * Counts a new vote in the voter's UTC day in that server; true when it goes past the server's cap. Votes past it
   * are kept, flagged. Each server counts apart, since each sets its own cap; votes while uncapped are not counted.
   */
  const pastDailyCap = async (voterHash: string, guildId: string | null, at: Date): Promise<boolean> => {
    const cap = await votesPerDay(guildId);
    if (cap === 0) return false;
    const key = `day:${guildId ?? 'dm'}:${voterHash}:${at.toISOString().slice(0, 10)}`;
    return queue.run(key, async () => {
      const count = ((await voteDays.get(key))?.count ?? 0) + 1;
      await voteDays.set(key, { voterHash, count }, VOTE_DAY_TTL_MS);
      return count > cap;
    });
  };

  const hasRevealed = async (comparisonId: string, voterHash: string) =>
    (await reveals.get(keyOf(comparisonId, voterHash))) !== undefined;

  const change = async (event: ReactionEvent, kind: ReactionChange): Promise<VoteRecord | null> => {
    const { comparisonId, voterHash, choice } = event;
    const key = keyOf(comparisonId, voterHash);
    const entry = await votes.get(key);
    // A reaction from before the voter's /forget-me (replayed from the journal, say) stays forgotten.
    if (kind === 'add' && coveredByTombstone(event.at, await forgotten.forgottenAt(voterHash)))
      return liveVoteOf(entry);
    const current = entry?.reactions ?? [];
    const reactions =
      kind === 'add'
        ? withReaction(current, {
            choice,
            at: event.at.toISOString(),
            afterReveal: event.afterReveal || (await hasRevealed(comparisonId, voterHash)),
            ...(event.completeSlots === undefined ? {} : { completeSlots: [...event.completeSlots] }),
            ...(event.source === 'button' ? { source: 'button' as const } : {}),
          })
        : withoutReaction(current, choice);
    if (kind === 'remove' && reactions.length === current.length) return liveVoteOf(entry);
    if (reactions.length === 0) {
      await votes.delete(key);
      return null;
    }
    // Only a first vote on a comparison counts toward the cap; changing it later does not.
    const overCap =
      entry === undefined ? await pastDailyCap(voterHash, event.guildId, event.at) : entry.overCap === true;
    const tags = tagsStillApplying(entry, reactions);
    const updated: VoterReactions = {
      comparisonId,
      voterHash,
      guildId: entry?.guildId ?? event.guildId,
      reactions,
      ...(overCap ? { overCap } : {}),
      ...(tags ? { tags } : {}),
    };
    await votes.set(key, updated);
    return liveVoteOf(updated);
  };

  const deleteWhere = async <Value extends { voterHash: string }>(
    namespace: { entries(): AsyncGenerator<[string, Value]>; delete(key: string): Promise<boolean> },
    voterHash: string,
  ): Promise<number> => {
    const keys: string[] = [];
    for await (const [key, value] of namespace.entries()) if (value.voterHash === voterHash) keys.push(key);
    // Through the queue, so a reaction being applied right now cannot write the vote back after its deletion.
    const deleted = await Promise.all(keys.map((key) => queue.run(key, () => namespace.delete(key))));
    return deleted.filter(Boolean).length;
  };

  async function* streamVotes(filter: VoteFilter = {}): AsyncGenerator<VoteRecord> {
    for await (const [, entry] of votes.entries()) {
      const vote = liveVoteOf(entry);
      if (vote === null || (filter.includeAfterReveal === false && vote.afterReveal)) continue;
      if (filter.guildId !== undefined && vote.guildId !== filter.guildId) continue;
      if (filter.guildIds !== undefined && (vote.guildId === null || !filter.guildIds.has(vote.guildId))) continue;
      yield vote;
    }
  }

  return {
    applyReaction: (event, kind) => queue.run(keyOf(event.comparisonId, event.voterHash), () => change(event, kind)),
    liveVote: async (comparisonId, voterHash) => liveVoteOf(await votes.get(keyOf(comparisonId, voterHash))),
    setTags(comparisonId, voterHash, tags) {
      const key = keyOf(comparisonId, voterHash);
      return queue.run(key, async () => {
        const entry = await votes.get(key);
        if (liveVoteOf(entry) === null || entry === undefined) return null;
        const updated: VoterReactions = { ...entry, tags: [...new Set(tags)].sort() };
        await votes.set(key, updated);
        return liveVoteOf(updated);
      });
    },
    async votesFor(comparisonId) {
      const found: VoteRecord[] = [];
      for await (const [, entry] of votes.entries({ under: comparisonId })) {
        const vote = entry.comparisonId === comparisonId ? liveVoteOf(entry) : null;
        if (vote !== null) found.push(vote);
      }
      return found;
    },
    streamVotes,
    async allVotes(filter = {}) {
      const found: VoteRecord[] = [];
      for await (const vote of streamVotes(filter)) found.push(vote);
      return found;
    },
    async reactionsOf(voterHash) {
      const found: Array<{ comparisonId: string; choices: VoteChoice[] }> = [];
      for await (const [, entry] of votes.entries()) {
        if (entry.voterHash === voterHash && entry.reactions.length > 0)
          found.push({ comparisonId: entry.comparisonId, choices: entry.reactions.map((reaction) => reaction.choice) });
      }
      return found;
    },
    async deleteVoter(voterHash) {
      const deletedVotes = await deleteWhere(votes, voterHash);
      await deleteWhere(reveals, voterHash);
      await deleteWhere(voteDays, voterHash);
      return deletedVotes;
    },
    async markRevealed(comparisonId, voterHash, at = new Date()) {
      const key = keyOf(comparisonId, voterHash);
      // The first reveal is the one that matters: every vote after it was cast knowing the pipelines.
      if ((await reveals.get(key)) === undefined)
        await reveals.set(key, { comparisonId, voterHash, revealedAt: at.toISOString() });
    },
    async reactionsOn(comparisonId) {
      const found: Array<{ voterHash: string; choices: VoteChoice[] }> = [];
      for await (const [, entry] of votes.entries({ under: comparisonId })) {
        if (entry.comparisonId === comparisonId && entry.reactions.length > 0)
          found.push({ voterHash: entry.voterHash, choices: entry.reactions.map((reaction) => reaction.choice) });
      }
      return found;
    },
    reconcile: (comparisonId, voterHash, { guildId, createdAt }, onDiscord, listeningSince, at = new Date()) => {
      const key = keyOf(comparisonId, voterHash);
      return queue.run(key, async () => {
        const entry = await votes.get(key);
        const stored = entry?.reactions ?? [];
        // Discord does not date reactions: on a comparison that existed before the voter's /forget-me, a reaction
        // only Discord shows may be one they had before it, so only reactions the bot saw live after it count.
        const trusted = coveredByTombstone(createdAt, await forgotten.forgottenAt(voterHash))
          ? onDiscord.filter((choice) => stored.some((reaction) => sameChoice(reaction.choice, choice)))
          : onDiscord;
        const found = { at: at.toISOString(), afterReveal: await hasRevealed(comparisonId, voterHash) };
        const { reactions, repairs } = reconcileReactions(stored, trusted, found, listeningSince);
        if (repairs === 0) return 0;
        if (reactions.length === 0) await votes.delete(key);
        else {
          // A repair keeps what the ledger knew of this vote: its cap flag, and its tags while the choice stands.
          const tags = tagsStillApplying(entry, reactions);
          await votes.set(key, {
            comparisonId,
            voterHash,
            guildId: entry?.guildId ?? guildId,
            reactions,
            ...(entry?.overCap === true ? { overCap: true } : {}),
            ...(tags ? { tags } : {}),
          });
        }
        return repairs;
      });
    },
    hasRevealed,
  };
}
