// Cells and tables shared by every suite's Markdown report: rates as percentages with their intervals,
// money, seconds, and the usage columns.
import type { Proportion, Usage } from './usage.js';

export const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
export const rateWithInterval = (value: Proportion): string =>
  value.rate === null ? 'n/a' : `${percent(value.rate)} [${percent(value.ci[0])}, ${percent(value.ci[1])}]`;
export const money = (value: number | null): string => (value === null ? 'unknown' : `$${value.toFixed(value < 0.01 ? 5 : 3)}`);
const seconds = (value: number | null) => (value === null ? 'n/a' : `${(value / 1000).toFixed(1)} s`);

export const USAGE_HEADER = ['calls', 'tokens', 'cost', 'p50', 'p95'];
export const usageCells = (usage: Usage): string[] => [
  String(usage.calls),
  String(usage.tokens),
  money(usage.costUsd),
  seconds(usage.latencyMs.p50),
  seconds(usage.latencyMs.p95),
];

export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** A compact rate for Discord's monospace table: whole percentages, interval after. */
export const compactRate = (value: Proportion): string =>
  value.rate === null ? 'n/a' : `${(value.rate * 100).toFixed(0)}% [${(value.ci[0] * 100).toFixed(0)}%–${(value.ci[1] * 100).toFixed(0)}%]`;
