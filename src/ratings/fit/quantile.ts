// Quantile of sorted numbers with linear interpolation between order statistics (numpy's default), so
// bootstrap percentiles match what a reader would get recomputing them in Python.

export function quantile(sorted: ArrayLike<number>, probability: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}
