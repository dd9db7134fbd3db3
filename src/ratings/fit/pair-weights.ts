// Arena's pair reweighting (leaderboard changelog 2025-07-23): an outcome on the pair (i, j) weighs ∝ 1 / n_ij,
// n_ij the weight of all outcomes on that pair, scaled so the weights still sum to the outcomes' total. Every pair
// that met then weighs the same, so a pair shown far more often than the others does not set the ratings alone.
import type { PairSums } from './fit-bradley-terry.ts';
import type { StyleRows } from '../style-rows.ts';

export const WEIGHT_MODES = ['none', 'balanced'] as const;
export type WeightMode = (typeof WEIGHT_MODES)[number];

/** The factor each pair cell's outcomes are multiplied by (0 where a pair never met). */
export function balancedPairFactors(sums: PairSums): Float64Array {
  const factors = new Float64Array(sums.totals.length);
  let total = 0;
  let pairs = 0;
  for (const cell of upperCells(sums)) {
    total += sums.totals[cell]!;
    pairs += 1;
  }
  for (const cell of upperCells(sums)) factors[cell] = total / pairs / sums.totals[cell]!;
  return factors;
}

/** Multiplies each cell's score and weight by its factor, in place. */
export function scalePairSums(sums: PairSums, factors: Float64Array): PairSums {
  for (let cell = 0; cell < factors.length; cell += 1) {
    sums.wins[cell]! *= factors[cell]!;
    sums.totals[cell]! *= factors[cell]!;
  }
  return sums;
}

/** Balances in place when asked; the unweighted sums otherwise. */
export function weighPairSums(sums: PairSums, mode: WeightMode): PairSums {
  return mode === 'balanced' ? scalePairSums(sums, balancedPairFactors(sums)) : sums;
}

/** The style fit weighs pairs as the raw fit does (the same factor per pair of pipelines), in place. */
export function weighStyleRows(rows: StyleRows, factors: Float64Array | null, size: number): StyleRows {
  if (factors === null) return rows;
  for (let row = 0; row < rows.first.length; row += 1) {
    const cell = Math.min(rows.first[row]!, rows.second[row]!) * size + Math.max(rows.first[row]!, rows.second[row]!);
    rows.win[row]! *= factors[cell]!;
    rows.total[row]! *= factors[cell]!;
  }
  return rows;
}

function* upperCells({ size, totals }: PairSums): Generator<number> {
  for (let i = 0; i < size; i += 1)
    for (let j = i + 1; j < size; j += 1) if (totals[i * size + j]! > 0) yield i * size + j;
}
