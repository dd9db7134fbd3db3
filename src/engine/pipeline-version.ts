// A pipeline's version: a short content hash of everything that shapes its answers (the pipeline as parsed, the
// rule sets, constitutions and demo sets it uses, the system prompt, and the models its steps resolve to). Votes
// and eval results carry it, so an edited pipeline's new answers are never pooled with the old ones unasked.
import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/load-catalog.ts';
import type { Pipeline } from '../catalog/pipeline-schema.ts';

export interface ResolvedModels {
  generator: string;
  judge: string;
}

/** JSON with object keys sorted, so the hash does not depend on key order in a YAML file. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function pipelineVersion(pipeline: Pipeline, catalog: Catalog, models: ResolvedModels): string {
  const ruleSets: Record<string, unknown> = {};
  const constitutions: Record<string, unknown> = {};
  const demoSets: Record<string, unknown> = {};
  const stepModels: string[] = [];
  for (const step of pipeline.steps) {
    if ('rules' in step) ruleSets[step.rules] = catalog.ruleSets.get(step.rules);
    if ('principles' in step) constitutions[step.principles] = catalog.constitutions.get(step.principles);
    if ('demos' in step && step.demos) demoSets[step.demos.set] = catalog.demoSets.get(step.demos.set);
    const reference = 'model' in step ? step.model : 'generator';
    stepModels.push(reference === 'judge' ? models.judge : reference === 'generator' ? models.generator : reference);
  }
  const content = canonicalJson({
    pipeline,
    ruleSets,
    constitutions,
    demoSets,
    system: pipeline.system ?? catalog.system,
    stepModels,
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 12);
}
