// The "live" rating: FastChat's online Elo (K = 4, start 1000), fed outcomes in the order votes were
// cast (one list of outcomes per vote). Order-dependent and noisy by design; show it as live, never rank by it.
import type { PairOutcome } from '../vote-outcomes.ts';

export const ELO_K = 4;

interface Rating {
  value: number;
}

/** A tie outcome of weight 2/N moves ratings 2/N as far as a full-weight one, so a vote weighs N-1 either way. */
export function onlineElo(votesInTimeOrder: Iterable<readonly PairOutcome[]>, k = ELO_K): Map<string, number> {
  const ratings = new Map<string, Rating>();
  const ratingOf = (pipelineId: string) => {
    let rating = ratings.get(pipelineId);
    if (rating === undefined) ratings.set(pipelineId, (rating = { value: 1000 }));
    return rating;
  };
  // Outcome lists are shared by every vote with the same outcomes: each is resolved to its ratings once.
  const resolved = new Map<
    readonly PairOutcome[],
    Array<{ first: Rating; second: Rating; score: number; weight: number }>
  >();
  for (const outcomes of votesInTimeOrder) {
    let pairs = resolved.get(outcomes);
    if (pairs === undefined) {
      pairs = outcomes.map(({ first, second, score, weight }) => ({
        first: ratingOf(first),
        second: ratingOf(second),
        score,
        weight,
      }));
      resolved.set(outcomes, pairs);
    }
    for (const { first: ratingFirst, second: ratingSecond, score, weight } of pairs) {
      const expectedFirst = 1 / (1 + 10 ** ((ratingSecond.value - ratingFirst.value) / 400));
      const change = k * weight * (score - expectedFirst);
      ratingFirst.value += change;
      ratingSecond.value -= change;
    }
  }
  return new Map([...ratings].map(([pipelineId, rating]) => [pipelineId, rating.value]));
}
