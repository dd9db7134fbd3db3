// The step-kind -> runner map. Typed so that a step kind without a runner fails to compile.
import type { StepKindName, StepOf } from '../../catalog/pipeline-schema.ts';
import type { StepContext } from '../step-context.ts';
import { runCritiqueRevise } from './critique-revise.ts';
import { runExtract } from './extract.ts';
import { runGenerate } from './generate.ts';
import { runJudgeBest } from './judge-best.ts';
import { runMajorityVote } from './majority-vote.ts';
import { runRuleFilter } from './rule-filter.ts';
import { runSample } from './sample.ts';
import type { StepRunner } from './step-runner.ts';

const RUNNERS: { [K in StepKindName]: StepRunner<K> } = {
  generate: runGenerate,
  extract: runExtract,
  sample: runSample,
  'rule-filter': runRuleFilter,
  'critique-revise': runCritiqueRevise,
  'judge-best': runJudgeBest,
  'majority-vote': runMajorityVote,
};

export function runStep<K extends StepKindName>(step: StepOf<K>, context: StepContext): Promise<void> {
  return (RUNNERS[step.kind] as StepRunner<K>)(step, context);
}
