// `judge-best` (RLHF stand-in): an LLM judge scores every candidate pointwise (1-10) as a reward model
// would; the best wins. If the top two tie, one pairwise call in each order decides, and a winner is
// kept only when both orders agree (position bias check); otherwise the first-sampled one stays.
import { z } from 'zod';
import { fillTemplate } from '../../catalog/template-placeholders.ts';
import { renderTranscript } from '../prompt-parts.ts';
import type { StepRunner } from './step-runner.ts';

export const PointwiseScore = z.object({ score: z.number().min(1).max(10), reasons: z.string().default('') });
export const PairwiseChoice = z.object({ winner: z.enum(['A', 'B']), reasons: z.string().default('') });
const scoreFormat = { name: 'score', schema: z.toJSONSchema(PointwiseScore) as Record<string, unknown> };
const choiceFormat = { name: 'choice', schema: z.toJSONSchema(PairwiseChoice) as Record<string, unknown> };

export const runJudgeBest: StepRunner<'judge-best'> = async (step, context) => {
  const conversation = renderTranscript(context.conversation);
  const model = context.resolveModel(step.model);
  const candidates = context.state.candidates;
  const request = (name: string, content: string, responseFormat: typeof scoreFormat) => ({
    step: name,
    kind: 'judge' as const,
    model,
    messages: [{ role: 'user' as const, content }],
    temperature: step.temperature,
    maxTokens: step.max_tokens,
    responseFormat,
  });

  const scores = await Promise.all(
    candidates.map(async (candidate, index) => {
      const name = `${step.id}.candidate${index + 1}`;
      const outcome = await context.callJson(
        request(name, fillTemplate(step.rubric, { conversation, candidate }), scoreFormat),
        PointwiseScore,
      );
      context.note(name, outcome.ok ? `score ${outcome.value.score}` : 'judge_error: no score');
      return outcome.ok ? outcome.value.score : -Infinity;
    }),
  );
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score || a.index - b.index);
  const [top, second] = order;
  let chosen = top?.index ?? 0;

  if (top && second && top.score === second.score && Number.isFinite(top.score)) {
    const [first, other] = [candidates[top.index] ?? '', candidates[second.index] ?? ''];
    const [forward, backward] = await Promise.all([
      context.callJson(
        request(
          `${step.id}.tiebreak.ab`,
          fillTemplate(step.pairwise_instruction, { conversation, first, second: other }),
          choiceFormat,
        ),
        PairwiseChoice,
      ),
      context.callJson(
        request(
          `${step.id}.tiebreak.ba`,
          fillTemplate(step.pairwise_instruction, { conversation, first: other, second: first }),
          choiceFormat,
        ),
        PairwiseChoice,
      ),
    ]);
    const agreeSecond = forward.ok && backward.ok && forward.value.winner === 'B' && backward.value.winner === 'A';
    const agreeFirst = forward.ok && backward.ok && forward.value.winner === 'A' && backward.value.winner === 'B';
    chosen = agreeSecond ? second.index : top.index;
    context.note(
      `${step.id}.tiebreak.ba`,
      agreeFirst || agreeSecond ? 'both orders agree' : 'orders disagree: first-sampled kept',
    );
  }
  const margin =
    top && second && Number.isFinite(second.score)
      ? (scores[chosen] ?? 0) - Math.max(...scores.filter((_, index) => index !== chosen))
      : null;
  context.note(`${step.id}.candidate${chosen + 1}`, `chosen${margin !== null ? ` (margin ${margin})` : ''}`);
  context.state.draft = candidates[chosen] ?? context.state.draft;
  context.state.outputs.set(step.id, context.state.draft ?? '');
};
