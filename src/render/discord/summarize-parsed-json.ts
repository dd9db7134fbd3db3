// One readable line for the JSON a judge or critic returned: which rules a candidate broke, what a
// critique found, which score a judge gave. The shapes are checked, never assumed.
import { z } from 'zod';
import { excerpt } from './text/excerpt.js';

const RuleVerdicts = z.object({
  verdicts: z.array(z.object({ rule: z.string(), violated: z.boolean(), confidence: z.number().optional() })),
  quality: z.object({ sensible: z.number(), specific: z.number(), interesting: z.number() }).optional(),
});
const Critique = z.object({ problems: z.array(z.string()), needs_revision: z.boolean() });
const Score = z.object({ score: z.number(), reasons: z.string().optional() });
const PairwiseChoice = z.object({ winner: z.enum(['A', 'B']), reasons: z.string().optional() });

const withReasons = (line: string, reasons: string | undefined) => (reasons?.trim() ? `${line}: ${reasons.trim()}` : line);

function describe(value: unknown): string {
  const verdicts = RuleVerdicts.safeParse(value);
  if (verdicts.success) {
    const violated = verdicts.data.verdicts
      .filter((verdict) => verdict.violated)
      .map((verdict) => (verdict.confidence === undefined ? verdict.rule : `${verdict.rule} (${verdict.confidence.toFixed(2)})`));
    const quality = verdicts.data.quality;
    const qualityText = quality
      ? ` · quality: sensible ${quality.sensible.toFixed(2)}, specific ${quality.specific.toFixed(2)}, interesting ${quality.interesting.toFixed(2)}`
      : '';
    return `${violated.length ? `violated: ${violated.join(', ')}` : 'no rule violated'}${qualityText}`;
  }
  const critique = Critique.safeParse(value);
  if (critique.success) {
    const { problems, needs_revision: needsRevision } = critique.data;
    const found = problems.length ? `problems: ${problems.join('; ')}` : 'no problems found';
    return `${found} · ${needsRevision ? 'revision needed' : 'no revision needed'}`;
  }
  const score = Score.safeParse(value);
  if (score.success) return withReasons(`score ${score.data.score}/10`, score.data.reasons);
  const choice = PairwiseChoice.safeParse(value);
  if (choice.success) return withReasons(`preferred the ${choice.data.winner === 'A' ? 'first' : 'second'} one shown`, choice.data.reasons);
  return JSON.stringify(value) ?? String(value);
}

export function summarizeParsedJson(value: unknown, max = 300): string | null {
  if (value === undefined || value === null) return null;
  return excerpt(describe(value), max);
}
