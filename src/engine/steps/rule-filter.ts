// `rule-filter` (Sparrow / LaMDA stand-in): judge every candidate against the rule set, one call per
// candidate (avoids position effects of a batched call), drop those breaking a filter rule with
// confidence >= threshold, rank survivors by 3·sensible + specific + interesting + 0.25·(rank rules met);
// if none survive, rewrite the least bad one under the rules it broke.
import { z } from 'zod';
import type { Rule } from '../../catalog/data-schemas.js';
import { fillTemplate } from '../../catalog/template-placeholders.js';
import { bulletList, renderTranscript } from '../prompt-parts.js';
import { PipelineFailure, type StepRunner } from './step-runner.js';

const Score = z.number().min(0).max(1);

/** A judge's verdicts on one candidate: each rule broken or not, and the LaMDA quality scores. */
export const RuleJudgementShape = z.object({
  verdicts: z.array(z.object({ rule: z.string(), violated: z.boolean(), confidence: Score, evidence: z.string().default('') })),
  quality: z.object({ sensible: Score, specific: Score, interesting: Score }),
});

function buildJudgementSchema(rules: Rule[]) {
  return RuleJudgementShape.superRefine((value, issues) => {
    const judged = new Set(value.verdicts.map((verdict) => verdict.rule));
    const missing = rules.filter((rule) => !judged.has(rule.id)).map((rule) => rule.id);
    if (missing.length) issues.addIssue({ code: 'custom', path: ['verdicts'], message: `missing verdicts for ${missing.join(', ')}` });
  });
}
type JudgementSchema = ReturnType<typeof buildJudgementSchema>;
export type RuleJudgement = z.infer<JudgementSchema>;

// Built once per rule set (catalog objects are replaced on reload): zod compiles each schema on first use.
const judgementSchemas = new WeakMap<Rule[], { schema: JudgementSchema; jsonSchema: Record<string, unknown> }>();

export function ruleJudgementSchema(rules: Rule[]) {
  let entry = judgementSchemas.get(rules);
  if (!entry) {
    const schema = buildJudgementSchema(rules);
    entry = { schema, jsonSchema: z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown> };
    judgementSchemas.set(rules, entry);
  }
  return entry;
}

interface Judged {
  index: number;
  text: string;
  judgement: RuleJudgement | null;
  violations: Rule[];
  score: number;
}

export function assess(rules: Rule[], judgement: RuleJudgement, threshold: number): { violations: Rule[]; score: number } {
  const byId = new Map(judgement.verdicts.map((verdict) => [verdict.rule, verdict]));
  const violations = rules.filter((rule) => {
    const verdict = byId.get(rule.id);
    return rule.kind === 'filter' && verdict?.violated === true && verdict.confidence >= threshold;
  });
  const rankMet = rules.filter((rule) => rule.kind === 'rank' && byId.get(rule.id)?.violated === false).length;
  const { sensible, specific, interesting } = judgement.quality;
  return { violations, score: 3 * sensible + specific + interesting + 0.25 * rankMet };
}

export const runRuleFilter: StepRunner<'rule-filter'> = async (step, context) => {
  const rules = context.catalog.ruleSets.get(step.rules)?.rules ?? [];
  const { schema, jsonSchema } = ruleJudgementSchema(rules);
  const conversation = renderTranscript(context.conversation);
  const ruleText = rules.map((rule) => `${rule.id} (${rule.kind}): ${rule.text}`).join('\n');
  const model = context.resolveModel(step.model);
  const responseFormat = { name: 'rule_verdicts', schema: jsonSchema };

  const judged: Judged[] = await Promise.all(
    context.state.candidates.map(async (text, index) => {
      const name = `${step.id}.candidate${index + 1}`;
      const outcome = await context.callJson(
        {
          step: name,
          kind: 'judge',
          model,
          messages: [{ role: 'user', content: fillTemplate(step.judge_instruction, { rules: ruleText, conversation, candidate: text }) }],
          temperature: step.temperature,
          maxTokens: step.max_tokens,
          responseFormat,
        },
        schema,
      );
      if (!outcome.ok) {
        context.note(name, `dropped: judge output unusable (${outcome.error})`);
        return { index, text, judgement: null, violations: [], score: -Infinity };
      }
      const { violations, score } = assess(rules, outcome.value, step.threshold);
      context.note(name, violations.length ? `dropped: violates ${violations.map((rule) => rule.id).join(', ')}` : `kept: score ${score.toFixed(2)}`);
      return { index, text, judgement: outcome.value, violations, score };
    }),
  );

  const survivors = judged.filter((entry) => entry.judgement && entry.violations.length === 0);
  // Ties keep the first-sampled candidate: sort is stable and candidates are in sample order.
  const best = survivors.sort((a, b) => b.score - a.score)[0];
  if (best) {
    context.note(`${step.id}.candidate${best.index + 1}`, 'chosen');
    context.state.draft = best.text;
    context.state.outputs.set(step.id, best.text);
    return;
  }

  const ruled = judged.filter((entry) => entry.judgement);
  if (ruled.length === 0) {
    throw new PipelineFailure({ kind: 'invalid-output', message: 'The rule judge gave unusable verdicts for every candidate.', retryable: true });
  }
  const leastBad = ruled.sort((a, b) => a.violations.length - b.violations.length || b.score - a.score)[0] as Judged;
  const broken = [...new Map(ruled.flatMap((entry) => entry.violations).map((rule) => [rule.id, rule])).values()];
  const text = await context.call({
    step: `${step.id}.rewrite`,
    kind: 'rewrite',
    model: context.resolveModel('generator'),
    messages: [
      { role: 'system', content: context.system },
      {
        role: 'user',
        content: fillTemplate(step.rewrite_instruction, {
          violations: bulletList(broken.map((rule) => `${rule.id}: ${rule.text}`)),
          conversation,
          candidate: leastBad.text,
        }),
      },
    ],
    temperature: step.rewrite_temperature,
    maxTokens: step.max_tokens,
    stream: true,
  });
  context.note(`${step.id}.rewrite`, `no candidate passed; rewrote candidate ${leastBad.index + 1}`);
  context.state.draft = text;
  context.state.outputs.set(step.id, text);
};
