// How many votes would swap two adjacent rows (after Broderick, Giordano and Meager's "dropping a handful of
// preferences"): votes are dropped greedily by their influence on the pair's gap, −(e_i − e_j)ᵀ·H⁻¹·∇ℓ_vote,
// recomputed after each refit, then the shortest prefix that still swaps is found by refitting. Only a count an
// actual refit confirmed is reported; the search stops at a cap and then says "more than the cap". Its cost is
// bounded whatever the number of votes: every refit starts from the fit before it (a few Newton steps), the greedy
// part refits at most FLIP_SEARCH_MAX_REFITS times, and the shortening search about log₂(cap) times more.
import { z } from 'zod';
import { VoteChoiceSchema } from '../../records/votes/vote-schema.ts';
import { fitBradleyTerry, pairDerivatives, solveSymmetric } from './fit-bradley-terry.ts';
import { balancedPairFactors, scalePairSums, weighPairSums, type WeightMode } from './pair-weights.ts';
import { fullPatternCounts, pairSumsOf, type RatingTable } from '../rating-table.ts';
import type { CountedVote } from '../select-counted-votes.ts';

/** The search never drops more than this many votes, nor more than a tenth of the rated votes. */
export const FLIP_SEARCH_MAX_VOTES = 50;
/**
 * Refits of the greedy part per pair. Close pairs swap within one or two; a pair the influences keep underestimating
 * would otherwise refit after every single vote up to the cap. Reaching it ends the search at what was searched.
 */
export const FLIP_SEARCH_MAX_REFITS = 8;
// A swap must be more than rounding: an exact tie after dropping (common with small vote counts) is not a swap.
const SWAP_MARGIN = 1e-6;
const swapped = (theta: Float64Array, upper: number, lower: number) => theta[upper]! - theta[lower]! < -SWAP_MARGIN;

export const DroppedVoteSchema = z.strictObject({
  comparisonId: z.string(),
  /** The vote's place among all its comparison's votes ordered by salted voter hash, the store's order (0 = first). */
  voterPosition: z.number(),
  choice: VoteChoiceSchema,
});
export type DroppedVote = z.infer<typeof DroppedVoteSchema>;

export const FlipSchema = z.strictObject({
  /** The next row down: the one these votes' removal puts above this one. */
  against: z.string(),
  /** The fewest votes found whose removal swaps the two (confirmed by a refit); null when none within `searchedUpTo`. */
  votes: z.number().nullable(),
  /** votes / rated votes; null with votes. */
  share: z.number().nullable(),
  /** The cap of the search: "more than this many" when votes is null. */
  searchedUpTo: z.number(),
  /** The votes to drop, so anyone can refit without them and check. */
  dropped: z.array(DroppedVoteSchema),
});
export type Flip = z.infer<typeof FlipSchema>;

export interface FlipContext {
  table: RatingTable;
  /** The rated votes in the table's order (patternOfVote's). */
  rated: readonly CountedVote[];
  comparisonIds: readonly string[];
  lambda: number;
  weights: WeightMode;
}

/** `upper` is rated above `lower` (indices into table.pipelineIds); theta is the full-data fit. */
export function findFlip(context: FlipContext, upper: number, lower: number, theta: Float64Array): Flip {
  const { table } = context;
  const rated = table.patternOfVote.length;
  const searchedUpTo = Math.max(1, Math.min(FLIP_SEARCH_MAX_VOTES, Math.floor(rated / 10)));
  const { sequence, searched } = dropSequence(context, upper, lower, theta, searchedUpTo);
  const against = table.pipelineIds[lower]!;
  if (sequence === null) return { against, votes: null, share: null, searchedUpTo: Math.max(1, searched), dropped: [] };
  const swapsWithout = (count: number) => {
    const counts = fullPatternCounts(table);
    for (const pattern of sequence.slice(0, count)) counts[pattern]! -= 1;
    return swapped(
      fitBradleyTerry(weighPairSums(pairSumsOf(table, counts), context.weights), {
        lambda: context.lambda,
        start: theta,
      }),
      upper,
      lower,
    );
  };
  // The greedy batches may overshoot: find the shortest prefix that still swaps, each probe an actual refit.
  let low = 0;
  let high = sequence.length;
  while (low + 1 < high) {
    const middle = (low + high) >> 1;
    if (swapsWithout(middle)) high = middle;
    else low = middle;
  }
  const dropped = votesOf(context, sequence.slice(0, high));
  return { against, votes: high, share: high / rated, searchedUpTo, dropped };
}

/**
 * Pattern of each dropped vote, in dropping order, ending with a refit that swaps the pair; null past the cap or
 * the refit budget, with `searched` the votes dropped by then (no swap within them).
 */
function dropSequence(
  context: FlipContext,
  upper: number,
  lower: number,
  start: Float64Array,
  cap: number,
): { sequence: number[] | null; searched: number } {
  const { table, lambda, weights } = context;
  const counts = fullPatternCounts(table);
  const sequence: number[] = [];
  let theta = start;
  if (swapped(theta, upper, lower)) return { sequence, searched: 0 };
  for (let refits = 0; sequence.length < cap; refits += 1) {
    if (refits === FLIP_SEARCH_MAX_REFITS) return { sequence: null, searched: sequence.length };
    const influence = patternInfluence(table, counts, theta, upper, lower, lambda, weights);
    const candidates = [...influence.keys()]
      .filter((pattern) => influence.get(pattern)! < 0)
      .sort((left, right) => influence.get(left)! - influence.get(right)! || left - right);
    if (candidates.length === 0) return { sequence: null, searched: cap };
    // Predicted linearly, so refit after each batch and predict again from there.
    let need = theta[upper]! - theta[lower]! + SWAP_MARGIN;
    for (const pattern of candidates) {
      while (counts[pattern]! > 0 && need >= 0 && sequence.length < cap) {
        counts[pattern]! -= 1;
        sequence.push(pattern);
        need += influence.get(pattern)!;
      }
      if (need < 0 || sequence.length >= cap) break;
    }
    // Warm-started from the last fit: dropping a few votes moves θ little, so Newton needs few steps.
    theta = fitBradleyTerry(weighPairSums(pairSumsOf(table, counts), weights), { lambda, start: theta });
    if (swapped(theta, upper, lower)) return { sequence, searched: sequence.length };
  }
  return { sequence: null, searched: cap };
}

/** Per pattern still present: the predicted change of θ_upper − θ_lower when one of its votes is dropped. */
function patternInfluence(
  table: RatingTable,
  counts: Float64Array,
  theta: Float64Array,
  upper: number,
  lower: number,
  lambda: number,
  weights: WeightMode,
): Map<number, number> {
  const size = table.pipelineIds.length;
  const raw = pairSumsOf(table, counts);
  const factors = weights === 'balanced' ? balancedPairFactors(raw) : null;
  const sums = factors === null ? raw : scalePairSums(raw, factors);
  const { information } = pairDerivatives(sums, theta, lambda);
  const direction = new Float64Array(size);
  direction[upper] = 1;
  direction[lower] = -1;
  // u = H⁻¹(e_upper − e_lower); dropping a vote with score gradient g moves the gap by about −uᵀg.
  const u = solveSymmetric(information, direction, size);
  const influence = new Map<number, number>();
  for (let pattern = 0; pattern < counts.length; pattern += 1) {
    if (counts[pattern]! <= 0) continue;
    let along = 0;
    for (let index = table.patternStart[pattern]!; index < table.patternStart[pattern + 1]!; index += 1) {
      const cell = table.cell[index]!;
      const i = Math.floor(cell / size);
      const j = cell % size;
      const factor = factors === null ? 1 : factors[cell]!;
      const residual = factor * (table.win[index]! - table.total[index]! / (1 + Math.exp(theta[j]! - theta[i]!)));
      along += residual * (u[i]! - u[j]!);
    }
    influence.set(pattern, -along);
  }
  return influence;
}

/** Concrete votes for the dropped patterns: the first ones of each pattern in vote order. */
function votesOf({ table, rated, comparisonIds }: FlipContext, patterns: readonly number[]): DroppedVote[] {
  const wanted = new Map<number, number>();
  for (const pattern of patterns) wanted.set(pattern, (wanted.get(pattern) ?? 0) + 1);
  const dropped: DroppedVote[] = [];
  for (let vote = 0; vote < table.patternOfVote.length && wanted.size > 0; vote += 1) {
    const pattern = table.patternOfVote[vote]!;
    const left = wanted.get(pattern);
    if (left === undefined) continue;
    const entry = rated[vote]!;
    dropped.push({
      comparisonId: comparisonIds[entry.comparison]!,
      voterPosition: entry.position,
      choice: entry.choice,
    });
    if (left === 1) wanted.delete(pattern);
    else wanted.set(pattern, left - 1);
  }
  return dropped;
}
