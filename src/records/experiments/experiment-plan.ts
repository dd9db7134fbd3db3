// The plan of an experiment: what it compares and when it may stop. Fixed before any data (frozen and hashed when
// the experiment starts), so the question cannot be bent to the answer. The hash covers only the plan, not where
// it runs, so the same plan started in another server is recognisably the same experiment: a replication.
import { z } from 'zod';
import { formatIssues } from '../../base/format-issue.ts';
import { UserError } from '../../base/user-error.ts';
import { parseArm } from './arm.ts';
import { canonicalHash, canonicalJson } from './canonical-json.ts';

export const EXPERIMENT_NAME_MAX = 60;
export const HYPOTHESIS_MAX = 500;
export const MAX_ARMS = 8;

const ArmTextSchema = z.string().superRefine((text, context) => {
  try {
    parseArm(text);
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
});

export const ExperimentPlanSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(EXPERIMENT_NAME_MAX),
    hypothesis: z.string().trim().min(1).max(HYPOTHESIS_MAX),
    /** Canonical arm labels (arm.ts), in the order given. */
    arms: z.array(ArmTextSchema).min(2).max(MAX_ARMS),
    /** The one comparison the sequential test decides: arm `a` against arm `b` (labels from `arms`). */
    primary: z.strictObject({ a: z.string(), b: z.string() }),
    /** Only comparisons of prompts in this category count; null: every prompt. */
    category: z.string().trim().min(1).max(60).nullable(),
    /** The smallest win-rate difference from ½ worth detecting (0.1: one arm preferred 60% of the time). */
    minimumEffect: z.number().gt(0).lt(0.5),
    /** Accepted false-positive rate: the test stops for a winner only when its e-value reaches 1/alpha. */
    alpha: z.number().gt(0).max(0.2),
    /** Wished chance of stopping for a winner when the effect is the minimum one; sizes the vote estimate. */
    power: z.number().gt(0.5).max(0.99),
    /** The experiment stops undecided after this many votes; null: no cap. */
    voteCap: z.int().min(1).max(1_000_000).nullable(),
  })
  .superRefine((plan, context) => {
    const twice = plan.arms.find((arm, index) => plan.arms.indexOf(arm) !== index);
    if (twice !== undefined) context.addIssue({ code: 'custom', path: ['arms'], message: `lists ${twice} twice` });
    for (const side of ['a', 'b'] as const) {
      if (!plan.arms.includes(plan.primary[side]))
        context.addIssue({
          code: 'custom',
          path: ['primary', side],
          message: `${plan.primary[side]} is not one of the arms (${plan.arms.join(', ')})`,
        });
    }
    if (plan.primary.a === plan.primary.b)
      context.addIssue({ code: 'custom', path: ['primary'], message: 'compares an arm with itself' });
  });
export type ExperimentPlan = z.infer<typeof ExperimentPlanSchema>;

/** The plan checked: its shape (zod) and that every arm's pipeline exists; a UserError listing every problem. */
export function parsePlan(input: unknown, knownPipelines: readonly string[]): ExperimentPlan {
  const parsed = ExperimentPlanSchema.safeParse(input);
  if (!parsed.success)
    throw new UserError(
      'invalid-option',
      `The experiment plan is not valid:\n${formatIssues('plan', parsed.error, input).join('\n')}`,
    );
  const unknown = parsed.data.arms.filter((arm) => !knownPipelines.includes(parseArm(arm).pipelineId));
  if (unknown.length > 0)
    throw new UserError(
      'unknown-pipeline',
      `The experiment plan is not valid: arm ${unknown.map((arm) => `\`${arm}\``).join(', ')} names no pipeline. Pipelines: ${knownPipelines.join(', ')}.`,
    );
  return parsed.data;
}

/** The frozen form: canonical JSON and its SHA-256. */
export function freezePlan(plan: ExperimentPlan): { json: string; hash: string } {
  return { json: canonicalJson(plan), hash: canonicalHash(plan) };
}
