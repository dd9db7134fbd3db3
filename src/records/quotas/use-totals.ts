// Adds up recorded runs for /usage: one total, or one per user hash or per pipeline. Pure.
import { type RunUse, USE_KINDS, utcDay } from './usage-schemas.ts';

export interface UseTotals {
  /** Runs by kind: comparisons, answers (/ask and chat), /eval runs, memory steps. */
  runs: Record<RunUse['kind'], number>;
  calls: number;
  tokens: number;
  /** Known costs only; `costIncomplete` says some price was unknown. */
  costUsd: number;
  costIncomplete: boolean;
}

// Costs are floats in dollars; rounding the sum hides binary noise.
const SUM_PRECISION = 1e9;

const empty = (): UseTotals => ({
  runs: Object.fromEntries(USE_KINDS.map((kind) => [kind, 0])) as UseTotals['runs'],
  calls: 0,
  tokens: 0,
  costUsd: 0,
  costIncomplete: false,
});

function add(totals: UseTotals, parts: RunUse['parts']): void {
  for (const part of parts) {
    totals.calls += part.calls;
    totals.tokens += part.tokens;
    if (part.costUsd === null) totals.costIncomplete = true;
    else totals.costUsd = Math.round((totals.costUsd + part.costUsd) * SUM_PRECISION) / SUM_PRECISION;
  }
}

export function totalUse(runs: readonly RunUse[]): UseTotals {
  const totals = empty();
  for (const run of runs) {
    totals.runs[run.kind] += 1;
    add(totals, run.parts);
  }
  return totals;
}

/** The runs of the UTC day of `now`. */
export const runsOfDay = (runs: readonly RunUse[], now: Date) =>
  runs.filter((run) => utcDay(new Date(run.at)) === utcDay(now));

export function useByUser(runs: readonly RunUse[]): Map<string, UseTotals> {
  const byUser = new Map<string, RunUse[]>();
  for (const run of runs) byUser.set(run.userHash, [...(byUser.get(run.userHash) ?? []), run]);
  return new Map([...byUser].map(([hash, own]) => [hash, totalUse(own)]));
}

/** Per pipeline (and `memory`, `eval-judge`): a run counts once for each pipeline it used. */
export function useByPipeline(runs: readonly RunUse[]): Map<string, UseTotals> {
  const byPipeline = new Map<string, UseTotals>();
  for (const run of runs) {
    for (const part of run.parts) {
      const totals = byPipeline.get(part.pipelineId) ?? empty();
      totals.runs[run.kind] += 1;
      add(totals, [part]);
      byPipeline.set(part.pipelineId, totals);
    }
  }
  return byPipeline;
}
