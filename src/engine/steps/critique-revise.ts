// `critique-revise` (Constitutional AI stand-in): r rounds of (draw a principle, critique the draft
// against it, revise). A round whose critique finds nothing skips its revision (our saving; CAI always
// revised). Unusable critique JSON is recorded as that round's failure and the draft is kept.
import { z } from 'zod';
import type { Principle } from '../../catalog/data-schemas.ts';
import { fillTemplate } from '../../catalog/template-placeholders.ts';
import { bulletList, renderTranscript } from '../prompt-parts.ts';
import type { StepRunner } from './step-runner.ts';

export const Critique = z.object({ problems: z.array(z.string()), needs_revision: z.boolean() });
const critiqueFormat = { name: 'critique', schema: z.toJSONSchema(Critique) as Record<string, unknown> };

export function drawPrinciples(
  principles: Principle[],
  rounds: number,
  withReplacement: boolean,
  random: () => number,
): Principle[] {
  if (withReplacement)
    return Array.from({ length: rounds }, () => principles[Math.floor(random() * principles.length)] as Principle);
  const pool = [...principles];
  for (let index = pool.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [pool[index], pool[swap]] = [pool[swap] as Principle, pool[index] as Principle];
  }
  return pool.slice(0, rounds);
}

export const runCritiqueRevise: StepRunner<'critique-revise'> = async (step, context) => {
  const principles = context.catalog.constitutions.get(step.principles)?.principles ?? [];
  const drawn = drawPrinciples(principles, step.rounds, step.sampling === 'with-replacement', context.random);
  const conversation = renderTranscript(context.conversation);
  const model = context.resolveModel(step.model);

  for (const [round, principle] of drawn.entries()) {
    const draft = context.state.draft ?? '';
    const critiqueStep = `${step.id}.round${round + 1}.critique`;
    const critique = await context.callJson(
      {
        step: critiqueStep,
        kind: 'critique',
        model,
        messages: [
          {
            role: 'user',
            content: fillTemplate(step.critique_instruction, { principle: principle.critique, conversation, draft }),
          },
        ],
        temperature: step.critique_temperature,
        maxTokens: step.max_tokens,
        responseFormat: critiqueFormat,
      },
      Critique,
    );
    context.note(critiqueStep, `principle: ${principle.id}`);
    if (!critique.ok) {
      context.note(critiqueStep, 'judge_error: revision skipped, draft kept');
      continue;
    }
    if (!critique.value.needs_revision) {
      context.note(critiqueStep, 'skipped revision: critique found nothing to fix');
      continue;
    }
    const revised = await context.call({
      step: `${step.id}.round${round + 1}.revise`,
      kind: 'revise',
      model,
      messages: [
        { role: 'system', content: context.system },
        {
          role: 'user',
          content: fillTemplate(step.revision_instruction, {
            revision_request: principle.revision,
            critique: bulletList(
              critique.value.problems.length ? critique.value.problems : ['(no specific problem listed)'],
            ),
            conversation,
            draft,
          }),
        },
      ],
      temperature: step.revision_temperature,
      maxTokens: step.max_tokens,
      stream: true,
    });
    context.state.draft = revised;
  }
  context.state.outputs.set(step.id, context.state.draft ?? '');
};
