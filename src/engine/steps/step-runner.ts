// The one signature every step runner shares. Runners read and write `context.state`; a model failure
// that ends the pipeline propagates as ModelCallError, other dead ends as PipelineFailure.
import type { StepKindName, StepOf } from '../../catalog/pipeline-schema.ts';
import type { Failure } from '../../llm/failure.ts';
import type { StepContext } from '../step-context.ts';

export type StepRunner<K extends StepKindName> = (step: StepOf<K>, context: StepContext) => Promise<void>;

/** A pipeline cannot go on for a reason that is not one model call's failure (e.g. every judge reply unusable). */
export class PipelineFailure extends Error {
  readonly failure: Failure;

  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
    this.name = 'PipelineFailure';
  }
}
