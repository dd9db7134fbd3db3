// The numbers every suite reports per pipeline: a proportion with its Wilson 95% interval, and the usage
// (calls, tokens, cost, latency) of its answers.
import { quantile } from '../ratings/fit/quantile.js';
import { wilsonInterval } from '../ratings/fit/wilson-interval.js';
import type { AnswerRecord } from './eval-record.js';

export interface Proportion {
  n: number;
  /** A fraction in [0, 1]; null when n is 0. */
  rate: number | null;
  ci: [number, number];
}

export interface Usage {
  answers: number;
  calls: number;
  tokens: number;
  /** The pipelines' own spend; judge calls are counted apart. null when a price is unknown. */
  costUsd: number | null;
  latencyMs: { p50: number | null; p95: number | null };
}

export function proportion(successes: number, n: number): Proportion {
  const { lower, upper } = wilsonInterval(successes, n);
  return { n, rate: n === 0 ? null : successes / n, ci: [lower, upper] };
}

/** The sum, or null when any part is unknown (a price missing makes the total unknown, not smaller). */
export function sumKnown(values: Array<number | null>): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}

export function usageOf(records: AnswerRecord<unknown>[]): Usage {
  const latencies = records.map((record) => record.totals.latencyMs).sort((a, b) => a - b);
  return {
    answers: records.length,
    calls: records.reduce((sum, record) => sum + record.totals.calls, 0),
    tokens: records.reduce((sum, record) => sum + record.totals.tokensIn + record.totals.tokensOut, 0),
    costUsd: sumKnown(records.map((record) => record.totals.costUsd)),
    latencyMs: { p50: latencies.length ? quantile(latencies, 0.5) : null, p95: latencies.length ? quantile(latencies, 0.95) : null },
  };
}
