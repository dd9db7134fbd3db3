// One readable line for the JSON a judge or critic returned: which rules a candidate broke, what a
// critique found, which score a judge gave. The shapes are the steps' own reply schemas, checked, never assumed.
import { Critique } from '../../engine/steps/critique-revise.js';
import { PairwiseChoice, PointwiseScore } from '../../engine/steps/judge-best.js';
import { RuleJudgementShape } from '../../engine/steps/rule-filter.js';
import { excerpt } from './text/excerpt.js';

const withReasons = (line: string, reasons: string | undefined) => (reasons?.trim() ? `${line}: ${reasons.trim()}` : line);

function describe(value: unknown): string {
  const verdicts = RuleJudgementShape.safeParse(value);
  if (verdicts.success) {
    const violated = verdicts.data.verdicts
      .filter((verdict) => verdict.violated)
      .map((verdict) => `${verdict.rule} (${verdict.confidence.toFixed(2)})`);
    const quality = verdicts.data.quality;
    const qualityText = ` · quality: sensible ${quality.sensible.toFixed(2)}, specific ${quality.specific.toFixed(2)}, interesting ${quality.interesting.toFixed(2)}`;
    return `${violated.length ? `violated: ${violated.join(', ')}` : 'no rule violated'}${qualityText}`;
  }
  const critique = Critique.safeParse(value);
  if (critique.success) {
    const { problems, needs_revision: needsRevision } = critique.data;
    const found = problems.length ? `problems: ${problems.join('; ')}` : 'no problems found';
    return `${found} · ${needsRevision ? 'revision needed' : 'no revision needed'}`;
  }
  const score = PointwiseScore.safeParse(value);
  if (score.success) return withReasons(`score ${score.data.score}/10`, score.data.reasons);
  const choice = PairwiseChoice.safeParse(value);
  if (choice.success) return withReasons(`preferred the ${choice.data.winner === 'A' ? 'first' : 'second'} one shown`, choice.data.reasons);
  return JSON.stringify(value) ?? String(value);
}

export function summarizeParsedJson(value: unknown, max = 300): string | null {
  if (value === undefined || value === null) return null;
  return excerpt(describe(value), max);
}
