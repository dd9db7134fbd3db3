// Compiles rated votes into what the Bradley-Terry fit needs. Votes with the same outcomes (the same shared
// outcome list: same ok pipelines, same choice) share a pattern, so a bootstrap sample is a count per
// pattern and turning it into pair sums costs O(patterns), not O(votes). The bootstrap draws whole
// comparisons (their votes share the same answers, so they are not independent); comparisons whose votes
// have the same multiset of patterns share a cluster type, so a resample is a count per type.
import type { PairSums } from './fit/fit-bradley-terry.ts';
import type { CountedVote } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';

export interface RatingTable {
  /** Every pipeline with at least one outcome, sorted by id; indices below refer to this list. */
  pipelineIds: string[];
  /** Pattern index of each rated vote, in canonical vote order. */
  patternOfVote: Int32Array;
  /** Pattern p contributes cells patternStart[p] .. patternStart[p + 1] - 1 of the arrays below. */
  patternStart: Int32Array;
  cell: Int32Array;
  win: Float64Array;
  total: Float64Array;
  /** Comparisons with at least one rated vote: the units the bootstrap resamples. */
  comparisonCount: number;
  /** How many comparisons share each cluster type. */
  clusterFrequency: Float64Array;
  /** Cluster type t holds clusterPattern[k] clusterPatternCount[k] times, k in clusterStart[t] .. clusterStart[t + 1] - 1. */
  clusterStart: Int32Array;
  clusterPattern: Int32Array;
  clusterPatternCount: Float64Array;
}

export function buildRatingTable(counted: readonly CountedVote[]): RatingTable {
  const rated = counted.filter((entry) => entry.outcomes.length > 0);
  const ids = new Set<string>();
  for (const outcomes of new Set(rated.map((entry) => entry.outcomes))) {
    for (const outcome of outcomes) ids.add(outcome.first).add(outcome.second);
  }
  const pipelineIds = [...ids].sort();
  const size = pipelineIds.length;
  const indexOf = new Map(pipelineIds.map((id, index) => [id, index]));

  const patternByKey = new Map<readonly PairOutcome[], number>();
  const patternOfVote = new Int32Array(rated.length);
  const starts = [0];
  const cells: number[] = [];
  const wins: number[] = [];
  const totals: number[] = [];
  rated.forEach((entry, voteIndex) => {
    let pattern = patternByKey.get(entry.outcomes);
    if (pattern === undefined) {
      pattern = patternByKey.size;
      patternByKey.set(entry.outcomes, pattern);
      for (const [cell, sum] of cellSums(entry, indexOf, size)) {
        cells.push(cell);
        wins.push(sum.win);
        totals.push(sum.total);
      }
      starts.push(cells.length);
    }
    patternOfVote[voteIndex] = pattern;
  });
  return {
    pipelineIds,
    patternOfVote,
    patternStart: Int32Array.from(starts),
    cell: Int32Array.from(cells),
    win: Float64Array.from(wins),
    total: Float64Array.from(totals),
    ...clusterTypes(rated, patternOfVote),
  };
}

/** Groups the rated votes (grouped by comparison) into comparisons, and comparisons into cluster types. */
function clusterTypes(rated: readonly CountedVote[], patternOfVote: Int32Array) {
  const typeByKey = new Map<string, number>();
  // A comparison with one rated vote (most of them) is typed by its pattern alone: no key to build.
  const typeOfSingle = new Map<number, number>();
  const frequency: number[] = [];
  const starts = [0];
  const patterns: number[] = [];
  const counts: number[] = [];
  const newType = (entries: ReadonlyArray<readonly [number, number]>) => {
    for (const [pattern, count] of entries) {
      patterns.push(pattern);
      counts.push(count);
    }
    starts.push(patterns.length);
    return frequency.push(0) - 1;
  };
  // The patterns of the comparison at hand, sorted (a few entries: insertion sort, no comparator calls).
  const group: number[] = [];
  let comparisonCount = 0;
  let begin = 0;
  for (let index = 1; index <= rated.length; index += 1) {
    if (index < rated.length && rated[index]!.comparison === rated[begin]!.comparison) continue;
    let type: number | undefined;
    if (index - begin === 1) {
      const pattern = patternOfVote[begin]!;
      type = typeOfSingle.get(pattern);
      if (type === undefined) typeOfSingle.set(pattern, (type = newType([[pattern, 1]])));
    } else {
      group.length = 0;
      for (let vote = begin; vote < index; vote += 1) {
        const pattern = patternOfVote[vote]!;
        let at = group.length;
        group.push(pattern);
        for (; at > 0 && group[at - 1]! > pattern; at -= 1) group[at] = group[at - 1]!;
        group[at] = pattern;
      }
      const entries: Array<[number, number]> = [];
      for (const pattern of group)
        if (entries.length > 0 && entries[entries.length - 1]![0] === pattern) entries[entries.length - 1]![1] += 1;
        else entries.push([pattern, 1]);
      const key = entries.map(([pattern, count]) => `${pattern}x${count}`).join(',');
      type = typeByKey.get(key);
      if (type === undefined) typeByKey.set(key, (type = newType(entries)));
    }
    frequency[type]! += 1;
    comparisonCount += 1;
    begin = index;
  }
  return {
    comparisonCount,
    clusterFrequency: Float64Array.from(frequency),
    clusterStart: Int32Array.from(starts),
    clusterPattern: Int32Array.from(patterns),
    clusterPatternCount: Float64Array.from(counts),
  };
}

/** Pattern counts of a resample that drew cluster type t `typeCounts[t]` times (overwrites `into`). */
export function patternCountsOfClusters(
  table: RatingTable,
  typeCounts: Float64Array,
  into: Float64Array,
): Float64Array {
  into.fill(0);
  for (let type = 0; type < typeCounts.length; type += 1) {
    const times = typeCounts[type]!;
    if (times === 0) continue;
    for (let index = table.clusterStart[type]!; index < table.clusterStart[type + 1]!; index += 1) {
      into[table.clusterPattern[index]!]! += times * table.clusterPatternCount[index]!;
    }
  }
  return into;
}

function cellSums(
  entry: CountedVote,
  indexOf: Map<string, number>,
  size: number,
): Map<number, { win: number; total: number }> {
  const byCell = new Map<number, { win: number; total: number }>();
  for (const outcome of entry.outcomes) {
    const first = indexOf.get(outcome.first)!;
    const second = indexOf.get(outcome.second)!;
    const cell = Math.min(first, second) * size + Math.max(first, second);
    const sum = byCell.get(cell) ?? { win: 0, total: 0 };
    sum.win += outcome.weight * (first < second ? outcome.score : 1 - outcome.score);
    sum.total += outcome.weight;
    byCell.set(cell, sum);
  }
  return byCell;
}

/** Pair sums for a sample in which pattern p occurs `patternCounts[p]` times (overwrites `into`). */
export function pairSumsOf(table: RatingTable, patternCounts: Float64Array, into?: PairSums): PairSums {
  const size = table.pipelineIds.length;
  const sums = into ?? { size, wins: new Float64Array(size * size), totals: new Float64Array(size * size) };
  sums.wins.fill(0);
  sums.totals.fill(0);
  for (let pattern = 0; pattern < patternCounts.length; pattern += 1) {
    const count = patternCounts[pattern]!;
    if (count === 0) continue;
    for (let index = table.patternStart[pattern]!; index < table.patternStart[pattern + 1]!; index += 1) {
      sums.wins[table.cell[index]!]! += count * table.win[index]!;
      sums.totals[table.cell[index]!]! += count * table.total[index]!;
    }
  }
  return sums;
}

/** How often each pattern occurs among all rated votes: the full-data sample. */
export function fullPatternCounts(table: RatingTable): Float64Array {
  const counts = new Float64Array(table.patternStart.length - 1);
  for (const pattern of table.patternOfVote) counts[pattern]! += 1;
  return counts;
}
