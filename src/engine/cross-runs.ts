// The runs of a comparison: every pipeline once with its usual model, or, given models, every pipeline once per
// model (a factorial design: techniques crossed with models, so each technique is seen on each model).
import type { CompareRun } from './create-engine.js';

export function crossRuns(pipelineIds: readonly string[], models: readonly string[] = []): CompareRun[] {
  if (models.length === 0) return pipelineIds.map((pipelineId) => ({ pipelineId }));
  return pipelineIds.flatMap((pipelineId) => models.map((model) => ({ pipelineId, model })));
}
