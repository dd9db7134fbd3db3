// Compiles counted votes into the rows style control fits: one row per comparison and pair of pipelines, with
// the weighted score of the first against the second summed over the comparison's votes, and the pair's
// style differences. Rows of a comparison are contiguous, so the bootstrap can draw whole comparisons.
import { STYLE_FEATURES, styleDifference, type ComparisonStyles } from './style-features.ts';
import type { CountedVote } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';

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

/** A shared outcome list with each outcome's cell (lower index × size + higher) and its score for the lower index. */
interface OutcomeCells {
  cell: Int32Array;
  win: Float64Array;
  total: Float64Array;
}

/** `pipelineIds` are the rating table's (sorted); `counted` is grouped by comparison. */
export function buildStyleRows(
  counted: readonly CountedVote[],
  styles: ComparisonStyles,
  pipelineIds: readonly string[],
): StyleRows {
  const size = pipelineIds.length;
  const indexOf = new Map(pipelineIds.map((id, index) => [id, index]));
  // Outcome lists are shared by every vote with the same outcomes, so each is turned into cells once.
  const cellsOf = new Map<readonly PairOutcome[], OutcomeCells>();
  const outcomeCells = (outcomes: readonly PairOutcome[]): OutcomeCells => {
    let cells = cellsOf.get(outcomes);
    if (cells !== undefined) return cells;
    cells = {
      cell: new Int32Array(outcomes.length),
      win: new Float64Array(outcomes.length),
      total: new Float64Array(outcomes.length),
    };
    outcomes.forEach((outcome, index) => {
      const left = indexOf.get(outcome.first)!;
      const right = indexOf.get(outcome.second)!;
      cells!.cell[index] = Math.min(left, right) * size + Math.max(left, right);
      cells!.win[index] = outcome.weight * (left < right ? outcome.score : 1 - outcome.score);
      cells!.total[index] = outcome.weight;
    });
    cellsOf.set(outcomes, cells);
    return cells;
  };
  // Per comparison: the weighted score and weight of each cell its votes touched, and the touched cells.
  const win = new Float64Array(size * size);
  const total = new Float64Array(size * size);
  const touched: number[] = [];
  // Per pipeline index: its first ok slot in the comparison at hand (−1: none), and which pipeline each slot shows.
  const firstSlot = new Int32Array(size).fill(-1);
  const slotIndex = new Map<string, number>();
  // A comparison has at most one row per outcome of its votes: room for every row, cut to size at the end.
  let capacity = 0;
  for (const entry of counted) capacity += entry.outcomes.length;
  const starts = [0];
  const first = new Int32Array(capacity);
  const second = new Int32Array(capacity);
  const rowWin = new Float64Array(capacity);
  const rowTotal = new Float64Array(capacity);
  const x = new Float64Array(capacity * FEATURES);
  let rows = 0;
  let withoutFeatures = 0;
  let begin = 0;
  for (let index = 1; index <= counted.length; index += 1) {
    if (index < counted.length && counted[index]!.comparison === counted[begin]!.comparison) continue;
    const comparison = counted[begin]!.comparison;
    for (let vote = begin; vote < index; vote += 1) {
      const cells = outcomeCells(counted[vote]!.outcomes);
      for (let outcome = 0; outcome < cells.cell.length; outcome += 1) {
        const cell = cells.cell[outcome]!;
        if (total[cell] === 0 && win[cell] === 0) {
          // Kept sorted as it grows (a few cells per comparison): no comparator calls.
          let at = touched.length;
          touched.push(cell);
          for (; at > 0 && touched[at - 1]! > cell; at -= 1) touched[at] = touched[at - 1]!;
          touched[at] = cell;
        }
        win[cell]! += cells.win[outcome]!;
        total[cell]! += cells.total[outcome]!;
      }
    }
    begin = index;
    if (touched.length === 0) continue;
    const slotsFrom = styles.slotStart[comparison]!;
    const slotsTo = styles.slotStart[comparison + 1]!;
    for (let slot = slotsFrom; slot < slotsTo; slot += 1) {
      const name = styles.slotPipeline[slot]!;
      let pipeline = slotIndex.get(name);
      if (pipeline === undefined) slotIndex.set(name, (pipeline = indexOf.get(name) ?? -1));
      if (pipeline >= 0 && firstSlot[pipeline] === -1) firstSlot[pipeline] = slot;
    }
    const rowsFrom = rows;
    let complete = true;
    for (const cell of touched) {
      const left = Math.floor(cell / size);
      const right = cell % size;
      const a = firstSlot[left]!;
      const b = firstSlot[right]!;
      if (a < 0 || b < 0) complete = false;
      else
        for (let feature = 0; feature < FEATURES; feature += 1) {
          const difference = styleDifference(
            styles.features[a * FEATURES + feature]!,
            styles.features[b * FEATURES + feature]!,
          );
          if (Number.isNaN(difference)) complete = false;
          x[rows * FEATURES + feature] = difference;
        }
      first[rows] = left;
      second[rows] = right;
      rowWin[rows] = win[cell]!;
      rowTotal[rows] = total[cell]!;
      rows += 1;
      win[cell] = 0;
      total[cell] = 0;
    }
    touched.length = 0;
    for (let slot = slotsFrom; slot < slotsTo; slot += 1) {
      const pipeline = slotIndex.get(styles.slotPipeline[slot]!)!;
      if (pipeline >= 0) firstSlot[pipeline] = -1;
    }
    if (complete) starts.push(rows);
    else {
      // A ballot without style features: the comparison is left out of the style fit (its rows are overwritten).
      withoutFeatures += 1;
      rows = rowsFrom;
    }
  }
  // Views, not copies: at 150,000 votes a copy of every column would be another 20 MB at the count's peak.
  const features = x.subarray(0, rows * FEATURES);
  const totals = rowTotal.subarray(0, rows);
  return {
    comparisonStart: Int32Array.from(starts),
    first: first.subarray(0, rows),
    second: second.subarray(0, rows),
    win: rowWin.subarray(0, rows),
    total: totals,
    x: features,
    scale: standardise(features, totals),
    withoutFeatures,
  };
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
