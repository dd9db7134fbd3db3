// `extract`: second stage of zero-shot chain-of-thought (Kojima et al.): given the reasoning of an
// earlier step, write only the final answer. Flags an answer that disagrees with the reasoning's result.
import { fillTemplate } from '../../catalog/template-placeholders.ts';
import { withSystem } from '../prompt-parts.ts';
import type { StepRunner } from './step-runner.ts';

const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;

/** Cheap check from TECHNIQUES §1.3: the number the reasoning ends on should appear in the answer. */
export function contradictsReasoning(reasoning: string, answer: string): boolean {
  const lastLine =
    reasoning
      .trim()
      .split('\n')
      .findLast((line) => line.trim() !== '') ?? '';
  const numbers = lastLine.match(NUMBER);
  if (!numbers?.length) return false;
  const final = (numbers.at(-1) ?? '').replace(/,/g, '');
  const answerNumbers = (answer.match(NUMBER) ?? []).map((value) => value.replace(/,/g, ''));
  return !answerNumbers.includes(final);
}

export const runExtract: StepRunner<'extract'> = async (step, context) => {
  const reasoning = context.state.outputs.get(step.from) ?? '';
  const text = await context.call({
    step: step.id,
    kind: 'extract',
    model: context.resolveModel(step.model),
    messages: withSystem(context, fillTemplate(step.instruction, { reasoning })),
    temperature: step.temperature,
    maxTokens: step.max_tokens,
    stream: true,
  });
  if (contradictsReasoning(reasoning, text)) context.note(step.id, 'answer may contradict the reasoning’s last line');
  context.state.outputs.set(step.id, text);
  context.state.draft = text;
};
