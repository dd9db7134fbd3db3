// One-line figures for a pipeline run, shared by the terminal and Discord footers.
import type { PipelineTotals } from '../engine/trace.ts';

export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Unknown cost is "?" rather than $0: a model missing from the price table is not free. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return '$?';
  if (costUsd === 0) return '$0';
  return costUsd < 0.01 ? `$${costUsd.toFixed(5)}` : `$${costUsd.toFixed(3)}`;
}

export function formatTotals(totals: PipelineTotals): string {
  const calls = `${totals.calls} call${totals.calls === 1 ? '' : 's'}`;
  return `${formatSeconds(totals.latencyMs)} · ${calls} · ${totals.tokensIn + totals.tokensOut} tok · ${formatCost(totals.costUsd)}`;
}
