// Which two arms the next /compare of an experiment shows: the pair it has the least evidence on (fewest
// comparisons so far), the primary pair first among equals, so with two arms it is always the primary pair.
import type { ExperimentRecord } from './experiment-record.ts';

export function nextPair(record: Pick<ExperimentRecord, 'plan' | 'comparisons'>): [number, number] {
  const { arms, primary } = record.plan;
  const primaryPair = [arms.indexOf(primary.a), arms.indexOf(primary.b)].sort((left, right) => left - right);
  const pairs: Array<[number, number]> = [];
  for (let left = 0; left < arms.length; left += 1)
    for (let right = left + 1; right < arms.length; right += 1) pairs.push([left, right]);
  const key = (pair: readonly number[]) => `${pair[0]}-${pair[1]}`;
  const counts = new Map(pairs.map((pair) => [key(pair), 0]));
  for (const shown of record.comparisons) {
    const pair = key([...shown.arms].sort((left, right) => left - right));
    if (counts.has(pair)) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  const isPrimary = (pair: readonly number[]) => key(pair) === key(primaryPair);
  return pairs.reduce((best, pair) => {
    const [bestCount, count] = [counts.get(key(best)) ?? 0, counts.get(key(pair)) ?? 0];
    return count < bestCount || (count === bestCount && isPrimary(pair) && !isPrimary(best)) ? pair : best;
  });
}
