// Plain counts per pipeline: how much evidence each rating rests on, and the rates a reader checks first.
import { z } from 'zod';
import type { CountedVote } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';

export const PipelineTallySchema = z.strictObject({
  /** Counted votes on comparisons where this pipeline answered, with at least one other answer beside it. */
  votes: z.number(),
  comparisons: z.number(),
  /** Pairwise outcomes it took part in (counted, not weighted). */
  outcomes: z.number(),
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
  /** Votes among `votes` that called every answer bad. */
  allBadVotes: z.number(),
  voters: z.number(),
});
export type PipelineTally = z.infer<typeof PipelineTallySchema>;

interface RunningTally extends PipelineTally {
  lastComparison: number;
  /** Voters as small integers: number sets are much cheaper than string sets at 100 000 votes. */
  voterNumbers: Set<number>;
}

/** `counted` must be grouped by comparison, as selectCountedVotes returns it: comparisons are counted on change. */
export function pipelineTallies(counted: readonly CountedVote[]): Map<string, PipelineTally> {
  const tallies = new Map<string, RunningTally>();
  const tallyOf = (pipelineId: string): RunningTally => {
    let tally = tallies.get(pipelineId);
    if (tally === undefined) {
      tally = {
        votes: 0,
        comparisons: 0,
        outcomes: 0,
        wins: 0,
        losses: 0,
        ties: 0,
        allBadVotes: 0,
        voters: 0,
        lastComparison: -1,
        voterNumbers: new Set(),
      };
      tallies.set(pipelineId, tally);
    }
    return tally;
  };
  // Votes of one pattern share their outcome list, so outcomes are tallied once per list, times its count.
  const outcomeLists = new Map<readonly PairOutcome[], number>();
  for (const { comparison, voter, choice, participants, outcomes } of counted) {
    outcomeLists.set(outcomes, (outcomeLists.get(outcomes) ?? 0) + 1);
    const allBad = choice.kind === 'all-bad';
    for (const pipelineId of participants) {
      const tally = tallyOf(pipelineId);
      tally.votes += 1;
      if (allBad) tally.allBadVotes += 1;
      if (tally.lastComparison !== comparison) {
        tally.lastComparison = comparison;
        tally.comparisons += 1;
      }
      tally.voterNumbers.add(voter);
    }
  }
  for (const [outcomes, times] of outcomeLists) {
    for (const { first, second, score } of outcomes) {
      const firstTally = tallyOf(first);
      const secondTally = tallyOf(second);
      firstTally.outcomes += times;
      secondTally.outcomes += times;
      if (score === 0.5) {
        firstTally.ties += times;
        secondTally.ties += times;
      } else {
        firstTally.wins += times;
        secondTally.losses += times;
      }
    }
  }
  const result = new Map<string, PipelineTally>();
  for (const [pipelineId, tally] of tallies) {
    const { votes, outcomes, wins, losses, ties, allBadVotes } = tally;
    const { comparisons } = tally;
    result.set(pipelineId, {
      votes,
      comparisons,
      outcomes,
      wins,
      losses,
      ties,
      allBadVotes,
      voters: tally.voterNumbers.size,
    });
  }
  return result;
}
