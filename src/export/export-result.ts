// What every format returns: the lines, the aligned sidecar, and what was left out and why.
import type { ExportMetaLine } from './schemas.js';
import type { DecisionSkips } from './select-decisions.js';

export interface ExportSkips extends DecisionSkips {
  /** Pairs dropped because chosen and rejected read the same. */
  identicalPairs: number;
}

export interface ExportResult<Line> {
  lines: Line[];
  /** meta[i] describes lines[i]. */
  meta: ExportMetaLine[];
  skipped: ExportSkips;
}
