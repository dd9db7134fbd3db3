// Statistics and exports look comparisons up by id; callers may hold them as a map or a plain list.
import type { ComparisonRecord } from '../comparisons/comparison.js';

export type ComparisonSource = ReadonlyMap<string, ComparisonRecord> | readonly ComparisonRecord[];

export function toComparisonMap(source: ComparisonSource): ReadonlyMap<string, ComparisonRecord> {
  if (!Array.isArray(source)) return source as ReadonlyMap<string, ComparisonRecord>;
  return new Map(source.map((comparison) => [comparison.id, comparison]));
}
