// What every format returns: the lines, the aligned sidecar, and what was left out and why.
import type { ExportMetaLine } from './schemas.ts';
import type { DecisionSkips } from './select-decisions.ts';

export interface ExportSkips extends DecisionSkips {
  /** Pairs dropped because chosen and rejected read the same. */
  identicalPairs: number;
  /** Decisions that were ties: no answer preferred, so no pair (and no KTO label). */
  ties: number;
  /** "All bad" decisions: no chosen answer, so no pair (KTO labels every answer false instead). */
  allBad: number;
  /** Picks that could form no pair: the picked slot failed, or no other slot had an answer. */
  unpairedPicks: number;
}

export const NO_SKIPS: ExportSkips = {
  directMessages: 0,
  afterReveal: 0,
  beforeSince: 0,
  missingComparison: 0,
  noMajority: 0,
  identicalPairs: 0,
  ties: 0,
  allBad: 0,
  unpairedPicks: 0,
};

export function addSkips<Skips extends ExportSkips>(total: Skips, more: ExportSkips): Skips {
  const sum = { ...total };
  for (const key of Object.keys(NO_SKIPS) as (keyof ExportSkips)[]) sum[key] = total[key] + more[key];
  return sum;
}

export interface ExportResult<Line> {
  lines: Line[];
  /** meta[i] describes lines[i]. */
  meta: ExportMetaLine[];
  skipped: ExportSkips;
}
