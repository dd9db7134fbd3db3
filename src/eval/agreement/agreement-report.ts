// Judge–human agreement in figures: with ties (a tie is a label like any pick) and without (comparisons where
// either side said tie are left out), each with its 95% Wilson interval, beside MT-Bench's published GPT-4–human
// agreement on MT-Bench as a reference row (Zheng et al. 2023: 66% with ties, 85% without).
import { type Interval, wilsonInterval } from '../../ratings/fit/wilson-interval.ts';
import type { PreferenceLabel } from './human-majority.ts';

export interface ComparisonVerdict {
  comparisonId: string;
  human: PreferenceLabel;
  /** null when the judge's reply was unusable or the call failed, in either order. */
  judge: PreferenceLabel | null;
  answers: number;
}

export interface AgreementFigure {
  agree: number;
  total: number;
  rate: number | null;
  ci: [number, number] | null;
}

export interface AgreementReport {
  judgeModel: string;
  comparisons: number;
  /** Comparisons left out: no usable judge verdict (unparsable twice or a failed call). */
  unjudged: number;
  /** Judge picks that changed with the order of the answers, counted as ties. */
  flips: number;
  withTies: AgreementFigure;
  withoutTies: AgreementFigure;
  published: { source: string; withTies: number; withoutTies: number };
}

export const MT_BENCH_GPT4_HUMAN = {
  source: 'MT-Bench, GPT-4 vs human experts (Zheng et al. 2023, published)',
  withTies: 0.66,
  withoutTies: 0.85,
};

const same = (first: PreferenceLabel, second: PreferenceLabel) =>
  first.kind === second.kind && (first.kind === 'tie' || (second.kind === 'slot' && first.slot === second.slot));

function figure(agree: number, total: number): AgreementFigure {
  if (total === 0) return { agree, total, rate: null, ci: null };
  const { lower, upper }: Interval = wilsonInterval(agree, total);
  return { agree, total, rate: agree / total, ci: [lower, upper] };
}

export function agreementReport(
  judgeModel: string,
  verdicts: readonly ComparisonVerdict[],
  flips: number,
): AgreementReport {
  const judged = verdicts.filter(
    (verdict): verdict is ComparisonVerdict & { judge: PreferenceLabel } => verdict.judge !== null,
  );
  const decisive = judged.filter((verdict) => verdict.human.kind === 'slot' && verdict.judge.kind === 'slot');
  return {
    judgeModel,
    comparisons: verdicts.length,
    unjudged: verdicts.length - judged.length,
    flips,
    withTies: figure(judged.filter((verdict) => same(verdict.human, verdict.judge)).length, judged.length),
    withoutTies: figure(decisive.filter((verdict) => same(verdict.human, verdict.judge)).length, decisive.length),
    published: MT_BENCH_GPT4_HUMAN,
  };
}
