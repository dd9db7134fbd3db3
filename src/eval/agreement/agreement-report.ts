// Judge–human agreement in figures: with ties (a tie is a label like any pick) and without (comparisons where
// either side said tie are left out), each with its 95% Wilson interval, beside MT-Bench's published GPT-4–human
// agreement on MT-Bench as a reference row (Zheng et al. 2023: 66% with ties, 85% without). The same figures per
// pipeline version, over the comparisons where it answered, are what a technique card quotes. Zod schemas are the
// definition, because `npm run agreement` stores the report and technique cards read it back.
import { z } from 'zod';
import { type Interval, wilsonInterval } from '../../ratings/fit/wilson-interval.ts';
import type { PreferenceLabel } from './human-majority.ts';

/** A pipeline version that answered: ballots stored before versions existed have none. */
export interface AnsweredBy {
  pipelineId: string;
  version: string | null;
}

export interface ComparisonVerdict {
  comparisonId: string;
  human: PreferenceLabel;
  /** null when the judge's reply was unusable or the call failed, in either order. */
  judge: PreferenceLabel | null;
  answers: number;
  /** The pipelines of the judged answers. */
  pipelines: AnsweredBy[];
}

export const AgreementFigureSchema = z.strictObject({
  agree: z.number(),
  total: z.number(),
  rate: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
});
export type AgreementFigure = z.infer<typeof AgreementFigureSchema>;

export const PipelineAgreementSchema = z.strictObject({
  pipelineId: z.string(),
  version: z.string().nullable(),
  /** Judged comparisons where this version gave one of the answers. */
  comparisons: z.number(),
  withTies: AgreementFigureSchema,
  withoutTies: AgreementFigureSchema,
});
export type PipelineAgreement = z.infer<typeof PipelineAgreementSchema>;

export const AgreementReportSchema = z.strictObject({
  judgeModel: z.string(),
  comparisons: z.number(),
  /** Comparisons left out: no usable judge verdict (unparsable twice or a failed call). */
  unjudged: z.number(),
  /** Judge picks that changed with the order of the answers, counted as ties. */
  flips: z.number(),
  withTies: AgreementFigureSchema,
  withoutTies: AgreementFigureSchema,
  /** Per pipeline version, sorted by pipeline then version. */
  byPipeline: z.array(PipelineAgreementSchema),
  published: z.strictObject({ source: z.string(), withTies: z.number(), withoutTies: z.number() }),
});
export type AgreementReport = z.infer<typeof AgreementReportSchema>;

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

type Judged = ComparisonVerdict & { judge: PreferenceLabel };

function figures(judged: readonly Judged[]): { withTies: AgreementFigure; withoutTies: AgreementFigure } {
  const decisive = judged.filter((verdict) => verdict.human.kind === 'slot' && verdict.judge.kind === 'slot');
  return {
    withTies: figure(judged.filter((verdict) => same(verdict.human, verdict.judge)).length, judged.length),
    withoutTies: figure(decisive.filter((verdict) => same(verdict.human, verdict.judge)).length, decisive.length),
  };
}

/** Each judged comparison counts once for every pipeline version that answered in it. */
function byPipeline(judged: readonly Judged[]): PipelineAgreement[] {
  const groups = new Map<string, { by: AnsweredBy; verdicts: Judged[] }>();
  for (const verdict of judged) {
    const seen = new Set<string>();
    for (const by of verdict.pipelines) {
      const key = `${by.pipelineId}\u0000${by.version ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const group = groups.get(key) ?? { by, verdicts: [] };
      group.verdicts.push(verdict);
      groups.set(key, group);
    }
  }
  return [...groups.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, { by, verdicts }]) => ({ ...by, comparisons: verdicts.length, ...figures(verdicts) }));
}

export function agreementReport(
  judgeModel: string,
  verdicts: readonly ComparisonVerdict[],
  flips: number,
): AgreementReport {
  const judged = verdicts.filter((verdict): verdict is Judged => verdict.judge !== null);
  return {
    judgeModel,
    comparisons: verdicts.length,
    unjudged: verdicts.length - judged.length,
    flips,
    ...figures(judged),
    byPipeline: byPipeline(judged),
    published: MT_BENCH_GPT4_HUMAN,
  };
}
