// The runs of a comparison: every pipeline once with its usual model, or, given models, every pipeline once per
// model (a factorial design: techniques crossed with models, so each technique is seen on each model).
import type { CompareRun } from './create-engine.ts';

/** A technique's name with the model it ran on, where both matter (terminal columns, leaderboard cells): `cot · gpt-4o-mini`. */
export const cellName = (name: string, model: string | null | undefined): string =>
  model ? `${name} · ${model}` : name;

/** What a run is called in a terminal: its pipeline, with its model when it was given one. */
export const runName = (run: CompareRun): string => cellName(run.pipelineId, run.model);

export function crossRuns(pipelineIds: readonly string[], models: readonly string[] = []): CompareRun[] {
  if (models.length === 0) return pipelineIds.map((pipelineId) => ({ pipelineId }));
  return pipelineIds.flatMap((pipelineId) => models.map((model) => ({ pipelineId, model })));
}
