// What a restore leaves out or strips for users who used /forget-me: what they had up to their tombstone's time
// stays forgotten (votes, reveals, memory, the text of their prompts), what they did afterwards is restored. The
// same rule as the live paths (src/records/votes/forgotten-users.ts), applied to one backed-up record at a time.
import { withoutInputs } from '../../records/comparisons/comparison-store.js';
import { BallotSchema, COMPARISON_NAMESPACES, ComparisonTextsSchema, SlotTraceSchema } from '../../records/comparisons/stored-records.js';
import { UserMemory } from '../../records/memory-book.js';
import { BotThread } from '../../records/bot-threads.js';
import { coveredByTombstone, FORGOTTEN_USERS_NAMESPACE, TombstoneSchema } from '../../records/votes/forgotten-users.js';
import { RevealMarkSchema, VoteDaySchema, VoterReactionsSchema } from '../../records/votes/vote-schema.js';

export interface Forgotten {
  /** When each forgotten user (by salted hash) was last forgotten. */
  users: ReadonlyMap<string, Date>;
  /** Comparisons whose prompt is forgotten: their requester was forgotten after creating them. */
  comparisons: ReadonlySet<string>;
}

/** The comparison id of a backed-up ballot whose prompt must be forgotten, if it is one. */
export function forgottenComparisonOf(namespace: string, value: unknown, users: Forgotten['users']): string | undefined {
  if (namespace !== COMPARISON_NAMESPACES.ballots) return undefined;
  const ballot = BallotSchema.parse(value);
  return !ballot.promptForgotten && coveredByTombstone(ballot.createdAt, users.get(ballot.requesterHash)) ? ballot.id : undefined;
}

/** The value to restore for a record that passed its namespace's schema, or undefined to leave it out. */
export function honourTombstones(namespace: string, key: string, value: unknown, forgotten: Forgotten): unknown {
  const { users, comparisons } = forgotten;
  switch (namespace) {
    case 'votes': {
      const entry = VoterReactionsSchema.parse(value);
      const forgottenAt = users.get(entry.voterHash);
      if (forgottenAt === undefined) return value;
      const reactions = entry.reactions.filter((reaction) => !coveredByTombstone(reaction.at, forgottenAt));
      // The live vote is the last reaction, the newest: if it stays, so do the reasons given for it.
      return reactions.length === 0 ? undefined : { ...entry, reactions };
    }
    case 'reveals': {
      const mark = RevealMarkSchema.parse(value);
      return coveredByTombstone(mark.revealedAt, users.get(mark.voterHash)) ? undefined : value;
    }
    case 'vote-days':
      // Day counters carry no time of their own; dropping a forgotten voter's only loosens one day's cap.
      return users.has(VoteDaySchema.parse(value).voterHash) ? undefined : value;
    case 'memory': {
      const memory = UserMemory.parse(value);
      const forgottenAt = users.get(key);
      if (forgottenAt === undefined) return value;
      const facts = memory.facts.filter((fact) => !coveredByTombstone(fact.at, forgottenAt));
      // Without facts learnt since, memory stays off as /forget-me left it.
      return facts.length === 0 ? undefined : { ...memory, facts };
    }
    case 'bot-threads': {
      const thread = BotThread.parse(value);
      if (thread.prompt === undefined || !coveredByTombstone(thread.startedAt, users.get(thread.requesterHash))) return value;
      const { prompt: _prompt, ...rest } = thread;
      return rest;
    }
    case COMPARISON_NAMESPACES.ballots:
      return comparisons.has(BallotSchema.parse(value).id) ? { ...(value as object), promptForgotten: true } : value;
    case COMPARISON_NAMESPACES.texts:
      return comparisons.has(ComparisonTextsSchema.parse(value).id) ? { ...(value as object), conversation: [] } : value;
    case COMPARISON_NAMESPACES.traces: {
      if (!comparisons.has(key.slice(0, key.lastIndexOf(':')))) return value;
      const trace = SlotTraceSchema.parse(value);
      return { ...trace, result: withoutInputs(trace.result) };
    }
    case FORGOTTEN_USERS_NAMESPACE: {
      // The target may know a later /forget-me of the same user: the later tombstone stays.
      const forgottenAt = users.get(key);
      return forgottenAt !== undefined && Date.parse(TombstoneSchema.parse(value).forgottenAt) < forgottenAt.getTime() ? undefined : value;
    }
    default:
      return value;
  }
}
