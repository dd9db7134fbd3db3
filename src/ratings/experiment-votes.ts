// The votes an experiment's sequential test reads: per comparison that showed the primary pair (arm A and arm B,
// both answered), each blind vote as 'a', 'b' or 'tie' (a tie or "both bad" counts half to each). Votes cast after
// the voter revealed the pipelines are not blind and do not count; neither do votes cast before the answer they
// pick was in (as on the leaderboard), votes cast after the experiment ended, nor votes of a user who later asked
// to be forgotten (their tombstone covers them).
import type { Ballot } from '../records/comparisons/stored-records.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import type { VoteRecord } from '../records/votes/vote.ts';
import { castEarly } from './select-counted-votes.ts';

export type ArmVote = 'a' | 'b' | 'tie';

export interface PrimaryComparison {
  comparisonId: string;
  votes: ArmVote[];
  /** The votes behind `votes`, for the dataset export. */
  used: VoteRecord[];
}

export function primaryComparisons(
  record: Pick<ExperimentRecord, 'plan' | 'comparisons' | 'endedAt'>,
  ballots: ReadonlyMap<string, Ballot>,
  votesOf: ReadonlyMap<string, readonly VoteRecord[]>,
  forgottenAt: ReadonlyMap<string, Date>,
): PrimaryComparison[] {
  const { arms, primary, category } = record.plan;
  const [armA, armB] = [arms.indexOf(primary.a), arms.indexOf(primary.b)];
  const ended = record.endedAt === null ? Infinity : Date.parse(record.endedAt);
  const found: PrimaryComparison[] = [];
  for (const shown of record.comparisons) {
    const ballot = ballots.get(shown.comparisonId);
    const [slotA, slotB] = [shown.arms.indexOf(armA), shown.arms.indexOf(armB)];
    if (ballot === undefined || slotA < 0 || slotB < 0) continue;
    if (ballot.slots[slotA]?.status !== 'ok' || ballot.slots[slotB]?.status !== 'ok') continue;
    // The prompt category the comparison was filed under, where the ballot carries one (older ones carry none).
    const filed = ballot.category?.id;
    if (category !== null && filed !== undefined && filed !== category) continue;
    const used = (votesOf.get(shown.comparisonId) ?? []).filter((vote) => {
      const forgotten = forgottenAt.get(vote.voterHash);
      const cast = Date.parse(vote.castAt);
      if (vote.afterReveal || castEarly(vote, ballot.slots.length) || cast > ended) return false;
      if (forgotten !== undefined && cast <= forgotten.getTime()) return false;
      return vote.choice.kind !== 'pick' || vote.choice.slot === slotA || vote.choice.slot === slotB;
    });
    const votes = used.map((vote): ArmVote =>
      vote.choice.kind !== 'pick' ? 'tie' : vote.choice.slot === slotA ? 'a' : 'b',
    );
    if (votes.length > 0) found.push({ comparisonId: shown.comparisonId, votes, used });
  }
  return found;
}
