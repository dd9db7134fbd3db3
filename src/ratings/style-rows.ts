// Compiles counted votes into the rows style control fits: one row per comparison and pair of pipelines, with
// the weighted score of the first against the second summed over the comparison's votes, and the pair's
// style differences. Rows of a comparison are contiguous, so the bootstrap can draw whole comparisons.
import { STYLE_FEATURES, styleDifference, type ComparisonStyles } from './style-features.ts';
import type { CountedVote } from './select-counted-votes.ts';

const FEATURES = STYLE_FEATURES.length;

export interface StyleRows {
  /** Comparison k owns rows comparisonStart[k] .. comparisonStart[k + 1] − 1. */
  comparisonStart: Int32Array;
  first: Int32Array;
  second: Int32Array;
  win: Float64Array;
  total: Float64Array;
  /** Standardised differences: x[row * FEATURES + f]. */
  x: Float64Array;
  /** The standard deviation of each difference (0 when it never differed; then it is left at 0). */
  scale: Float64Array;
  /** Comparisons with rated votes left out because a ballot had no style features. */
  withoutFeatures: number;
}

/** `pipelineIds` are the rating table's (sorted); `counted` is grouped by comparison. */
export function buildStyleRows(
  counted: readonly CountedVote[],
  styles: ComparisonStyles,
  pipelineIds: readonly string[],
): StyleRows {
  const indexOf = new Map(pipelineIds.map((id, index) => [id, index]));
  const starts = [0];
  const first: number[] = [];
  const second: number[] = [];
  const win: number[] = [];
  const total: number[] = [];
  const x: number[] = [];
  let withoutFeatures = 0;
  let begin = 0;
  for (let index = 1; index <= counted.length; index += 1) {
    if (index < counted.length && counted[index]!.comparison === counted[begin]!.comparison) continue;
    const comparison = counted[begin]!.comparison;
    const cells = new Map<number, { win: number; total: number }>();
    for (let vote = begin; vote < index; vote += 1) {
      for (const outcome of counted[vote]!.outcomes) {
        const left = indexOf.get(outcome.first)!;
        const right = indexOf.get(outcome.second)!;
        const key = Math.min(left, right) * pipelineIds.length + Math.max(left, right);
        const sum = cells.get(key) ?? { win: 0, total: 0 };
        sum.win += outcome.weight * (left < right ? outcome.score : 1 - outcome.score);
        sum.total += outcome.weight;
        cells.set(key, sum);
      }
    }
    begin = index;
    if (cells.size === 0) continue;
    const featuresOf = slotFeatures(styles, comparison);
    const rows = [...cells]
      .sort((a, b) => a[0] - b[0])
      .map(([key, sum]) => {
        const left = Math.floor(key / pipelineIds.length);
        const right = key % pipelineIds.length;
        const a = featuresOf.get(pipelineIds[left]!);
        const b = featuresOf.get(pipelineIds[right]!);
        return {
          left,
          right,
          sum,
          differences: a && b ? a.map((value, feature) => styleDifference(value, b[feature]!)) : null,
        };
      });
    if (rows.some((row) => row.differences === null || row.differences.some(Number.isNaN))) {
      withoutFeatures += 1;
      continue;
    }
    for (const row of rows) {
      first.push(row.left);
      second.push(row.right);
      win.push(row.sum.win);
      total.push(row.sum.total);
      x.push(...row.differences!);
    }
    starts.push(first.length);
  }
  const features = Float64Array.from(x);
  return {
    comparisonStart: Int32Array.from(starts),
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    win: Float64Array.from(win),
    total: Float64Array.from(total),
    x: features,
    scale: standardise(features, Float64Array.from(total)),
    withoutFeatures,
  };
}

/** Features of the first ok slot of each pipeline in a comparison (a pipeline shown twice is never paired with itself). */
function slotFeatures(styles: ComparisonStyles, comparison: number): Map<string, number[]> {
  const byPipeline = new Map<string, number[]>();
  for (let slot = styles.slotStart[comparison]!; slot < styles.slotStart[comparison + 1]!; slot += 1) {
    const pipeline = styles.slotPipeline[slot]!;
    if (!byPipeline.has(pipeline))
      byPipeline.set(pipeline, styles.features.slice(slot * FEATURES, (slot + 1) * FEATURES));
  }
  return byPipeline;
}

/**
 * Divides each difference by its outcome-weighted standard deviation around 0. The mean is 0 by symmetry (a pair
 * read the other way round has the negated difference), so it is not subtracted: doing so would favour whichever
 * pipeline happens to be listed first. A feature that never differs stays 0 (and its coefficient at 0).
 */
function standardise(x: Float64Array, weight: Float64Array): Float64Array {
  const scale = new Float64Array(FEATURES);
  let weightSum = 0;
  for (let row = 0; row < weight.length; row += 1) {
    weightSum += weight[row]!;
    for (let feature = 0; feature < FEATURES; feature += 1)
      scale[feature]! += weight[row]! * x[row * FEATURES + feature]! ** 2;
  }
  for (let feature = 0; feature < FEATURES; feature += 1) {
    const deviation = weightSum > 0 ? Math.sqrt(scale[feature]! / weightSum) : 0;
    scale[feature] = deviation > 1e-12 ? deviation : 0;
  }
  for (let index = 0; index < x.length; index += 1) x[index]! /= scale[index % FEATURES]! || 1;
  return scale;
}
