// When a rating is too thin to trust (our choice): fewer than 30 outcomes, 10 comparisons or 3 voters, an
// interval wider than ±100, fewer votes than the caller's own minimum, or no loss (no win) at all: then the
// rating is set by the L2 penalty rather than by the votes, and every resample agrees, so its interval says nothing.
import type { ProvisionalReason } from './leaderboard.ts';
import type { PipelineTally } from './pipeline-tallies.ts';

export const PROVISIONAL_LIMITS = { outcomes: 30, comparisons: 10, voters: 3, halfWidth: 100 } as const;

export function provisionalReasons(
  tally: PipelineTally,
  interval: { lower: number; upper: number },
  minVotes: number,
): ProvisionalReason[] {
  const reasons: ProvisionalReason[] = [];
  if (tally.outcomes < PROVISIONAL_LIMITS.outcomes) reasons.push('few-outcomes');
  if (tally.comparisons < PROVISIONAL_LIMITS.comparisons) reasons.push('few-comparisons');
  if (tally.voters < PROVISIONAL_LIMITS.voters) reasons.push('few-voters');
  if ((interval.upper - interval.lower) / 2 > PROVISIONAL_LIMITS.halfWidth) reasons.push('wide-interval');
  if (tally.votes < minVotes) reasons.push('below-min-votes');
  if (tally.losses === 0) reasons.push('no-losses');
  if (tally.wins === 0) reasons.push('no-wins');
  return reasons;
}
