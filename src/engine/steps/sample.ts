// `sample`: n independent calls in parallel (not the `n` request field, which Ollama and some hosts
// ignore or reject). Candidates that fail are noted; the step fails only when all of them do.
import { ModelCallError } from '../../llm/failure.ts';
import { withSystem } from '../prompt-parts.ts';
import type { StepRunner } from './step-runner.ts';

export const runSample: StepRunner<'sample'> = async (step, context) => {
  const messages = withSystem(context, step.instruction);
  const settled = await Promise.allSettled(
    Array.from({ length: step.n }, (_, index) =>
      context.call({
        step: `${step.id}#${index + 1}`,
        kind: 'generate',
        model: context.resolveModel(step.model),
        messages,
        temperature: step.temperature,
        maxTokens: step.max_tokens,
      }),
    ),
  );
  const candidates: string[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') candidates.push(outcome.value);
    else if (!(outcome.reason instanceof ModelCallError) || outcome.reason.failure.kind === 'cancelled')
      throw outcome.reason;
  }
  if (candidates.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  context.state.candidates = candidates;
  context.state.outputs.set(step.id, candidates[0] ?? '');
  context.state.draft = candidates[0] ?? null;
};
