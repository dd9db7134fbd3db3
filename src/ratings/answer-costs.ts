// What each row's answers cost, from the trace totals kept with every slot: the mean cost and the median latency
// of one answer (each answer of a counted comparison once), and the cost of one win (what the row's answers cost
// over the rated votes it was shown in, divided by the votes that picked it).
import { z } from 'zod';

export const AnswerCostSchema = z.strictObject({
  /** Answers of counted comparisons (each once, however many votes it had). */
  answers: z.number(),
  /** Mean USD of one answer, every call of the pipeline included; null when no answer had a known price. */
  meanCostUsd: z.number().nullable(),
  /** Median wall time of one answer; null without answers. */
  p50LatencyMs: z.number().nullable(),
  /** USD spent on this row's answers per vote that picked it; null when no vote picked it or prices are unknown. */
  costPerWinUsd: z.number().nullable(),
});
export type AnswerCost = z.infer<typeof AnswerCostSchema>;

interface RunningCost {
  answers: number;
  pricedAnswers: number;
  costSum: number;
  latencies: number[];
  /** Over rated votes: the row's answer cost, once per vote it was shown in (unknown prices leave it out). */
  shownCostSum: number;
  shownPriced: number;
  shown: number;
  picks: number;
}

export interface AnswerCostTally {
  /** One answer of a counted comparison, once. */
  answer(key: string, costUsd: number | null, latencyMs: number | null): void;
  /** A rated vote showed this answer; `picked` when the vote chose it. */
  shown(key: string, costUsd: number | null, picked: boolean): void;
  /** Per row, keyed by `label(key)`. */
  result(label: (key: string) => string): Map<string, AnswerCost>;
}

export function createAnswerCostTally(): AnswerCostTally {
  const tallies = new Map<string, RunningCost>();
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (tally === undefined)
      tallies.set(
        key,
        (tally = {
          answers: 0,
          pricedAnswers: 0,
          costSum: 0,
          latencies: [],
          shownCostSum: 0,
          shownPriced: 0,
          shown: 0,
          picks: 0,
        }),
      );
    return tally;
  };
  return {
    answer(key, costUsd, latencyMs) {
      const tally = tallyOf(key);
      tally.answers += 1;
      if (costUsd !== null) {
        tally.pricedAnswers += 1;
        tally.costSum += costUsd;
      }
      if (latencyMs !== null) tally.latencies.push(latencyMs);
    },
    shown(key, costUsd, picked) {
      const tally = tallyOf(key);
      tally.shown += 1;
      if (costUsd !== null) {
        tally.shownPriced += 1;
        tally.shownCostSum += costUsd;
      }
      if (picked) tally.picks += 1;
    },
    result(label) {
      const costs = new Map<string, AnswerCost>();
      for (const [key, tally] of tallies) {
        // Only when every shown answer had a price: a partial sum would understate what a win costs.
        const allPriced = tally.shownPriced === tally.shown;
        costs.set(label(key), {
          answers: tally.answers,
          meanCostUsd: tally.pricedAnswers === 0 ? null : tally.costSum / tally.pricedAnswers,
          p50LatencyMs: median(tally.latencies),
          costPerWinUsd: tally.picks === 0 || !allPriced ? null : tally.shownCostSum / tally.picks,
        });
      }
      return costs;
    },
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
