// The step-kind -> runner map. Typed so that a step kind without a runner fails to compile.
import type { StepKindName, StepOf } from '../../catalog/pipeline-schema.js';
import type { StepContext } from '../step-context.js';
import { runCritiqueRevise } from './critique-revise.js';
import { runExtract } from './extract.js';
import { runGenerate } from './generate.js';
import { runJudgeBest } from './judge-best.js';
import { runMajorityVote } from './majority-vote.js';
import { runRuleFilter } from './rule-filter.js';
import { runSample } from './sample.js';
import type { StepRunner } from './step-runner.js';

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
