// Which {placeholders} each template field of a step may use. Checked at load so a misspelt
// placeholder is reported with its file, instead of reaching the model as literal text.
import type { StepKindName } from './pipeline-schema.ts';

export const TEMPLATE_PLACEHOLDERS: Record<StepKindName, Record<string, readonly string[]>> = {
  generate: { instruction: [] },
  sample: { instruction: [] },
  extract: { instruction: ['reasoning'] },
  'rule-filter': {
    judge_instruction: ['rules', 'conversation', 'candidate'],
    rewrite_instruction: ['violations', 'conversation', 'candidate'],
  },
  'critique-revise': {
    critique_instruction: ['principle', 'conversation', 'draft'],
    revision_instruction: ['revision_request', 'critique', 'conversation', 'draft'],
  },
  'majority-vote': { extract_instruction: ['reasoning'] },
  'judge-best': {
    rubric: ['conversation', 'candidate'],
    pairwise_instruction: ['conversation', 'first', 'second'],
  },
};

const PLACEHOLDER = /\{([a-z_]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Fills {name} placeholders; unknown names were rejected at load, so every one is present here. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
