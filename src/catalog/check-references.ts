// Cross-file checks that a schema cannot express: referenced rule sets, constitutions and demo sets
// exist, step ids are unique, `extract.from` names an earlier step, judges have candidates to judge.
import path from 'node:path';
import type { Pipeline } from './pipeline-schema.ts';
import { TEMPLATE_PLACEHOLDERS, placeholdersIn } from './template-placeholders.ts';

export interface KnownData {
  /** PROMPTS_DIR as configured, so messages name the folder the operator actually uses. */
  dir: string;
  ruleSets: ReadonlySet<string>;
  constitutions: Map<string, number>;
  demoSets: ReadonlySet<string>;
}

export function checkReferences(file: string, pipeline: Pipeline, known: KnownData): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let hasCandidates = false;
  pipeline.steps.forEach((step, index) => {
    const at = `${file}: steps[${index}]`;
    if (seen.has(step.id)) problems.push(`${at}.id: "${step.id}" is used by an earlier step; step ids must be unique`);
    const fields = TEMPLATE_PLACEHOLDERS[step.kind];
    for (const [field, allowed] of Object.entries(fields)) {
      const template = (step as Record<string, unknown>)[field];
      if (typeof template !== 'string') continue;
      for (const name of placeholdersIn(template)) {
        if (!allowed.includes(name)) {
          const hint = allowed.length
            ? `allowed here: ${allowed.map((item) => `{${item}}`).join(', ')}`
            : 'this field takes no placeholders';
          problems.push(`${at}.${field}: unknown placeholder {${name}} (${hint})`);
        }
      }
    }
    switch (step.kind) {
      case 'extract':
        if (!seen.has(step.from)) problems.push(`${at}.from: no earlier step has id "${step.from}"`);
        break;
      case 'sample':
        hasCandidates = true;
        break;
      case 'rule-filter':
      case 'judge-best':
      case 'majority-vote':
        if (!hasCandidates) problems.push(`${at}: ${step.kind} needs an earlier "sample" step to produce candidates`);
        if (step.kind === 'rule-filter' && !known.ruleSets.has(step.rules)) {
          problems.push(
            `${at}.rules: no rule set "${step.rules}" (expected ${path.join(known.dir, 'rules', `${step.rules}.yaml`)})`,
          );
        }
        break;
      case 'critique-revise': {
        const size = known.constitutions.get(step.principles);
        if (size === undefined) {
          problems.push(
            `${at}.principles: no constitution "${step.principles}" (expected ${path.join(known.dir, 'constitutions', `${step.principles}.yaml`)})`,
          );
        } else if (step.sampling === 'without-replacement' && step.rounds > size) {
          problems.push(
            `${at}.rounds: ${step.rounds} rounds without replacement need at least ${step.rounds} principles (the constitution has ${size})`,
          );
        }
        break;
      }
      case 'generate':
        if (step.demos && !known.demoSets.has(step.demos.set)) {
          problems.push(
            `${at}.demos.set: no demo set "${step.demos.set}" (expected ${path.join(known.dir, 'demos', `${step.demos.set}.yaml`)})`,
          );
        }
        break;
    }
    seen.add(step.id);
  });
  return problems;
}
