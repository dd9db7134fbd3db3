// A pipeline's steps as a card lists them: each step's kind, its settings (sampling, models, rule sets) and its
// prompt templates in full. Read from the parsed pipeline, so defaults the file left out are shown as they apply.
import type { Pipeline } from '../catalog/pipeline-schema.ts';
import type { CardStep } from './technique-card.ts';

/** Template fields: the instructions, critique and revision requests and the judge's rubric. */
const isPrompt = (name: string) => name.endsWith('instruction') || name === 'rubric';

const settingText = (value: unknown): string =>
  value !== null && typeof value === 'object'
    ? Object.entries(value)
        .map(([name, field]) => `${name} ${String(field)}`)
        .join(', ')
    : String(value);

export function pipelineSteps(pipeline: Pipeline): CardStep[] {
  return pipeline.steps.map((step) => {
    const fields = Object.entries(step).filter(
      ([name, value]) => name !== 'id' && name !== 'kind' && value !== undefined,
    );
    return {
      id: step.id,
      kind: step.kind,
      settings: fields
        .filter(([name]) => !isPrompt(name))
        .map(([name, value]) => ({ name: name.replaceAll('_', ' '), value: settingText(value) })),
      prompts: fields
        .filter(([name]) => isPrompt(name))
        .map(([name, value]) => ({ name: name.replaceAll('_', ' '), text: String(value) })),
    };
  });
}
