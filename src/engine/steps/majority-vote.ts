// `majority-vote` (self-consistency, Wang et al. 2023): read each sampled reasoning path's final answer
// (its "Final answer:" line, or one extraction call when the line is missing), normalise, and keep the
// most frequent answer; ties go to the first-sampled. The user sees the first path of the winning cluster.
import { fillTemplate } from '../../catalog/template-placeholders.ts';
import { ModelCallError } from '../../llm/failure.ts';
import { withSystem } from '../prompt-parts.ts';
import { PipelineFailure, type StepRunner } from './step-runner.ts';

/** The text after the last "Final answer:" up to the end of its line (models often put it mid-line). */
export function finalAnswerLine(path: string, prefix: string): string | null {
  const at = path.toLowerCase().lastIndexOf(prefix.toLowerCase());
  if (at === -1) return null;
  const answer =
    path
      .slice(at + prefix.length)
      .split('\n')[0]
      ?.trim() ?? '';
  return answer || null;
}

/** "$1,200." and "1200" vote together; so do "Paris" and "paris". */
export function normaliseAnswer(answer: string): string {
  return answer
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/(?<=\d),(?=\d{3})/g, '')
    .replace(/^[\s$€£]+|[\s.!?;:]+$/g, '')
    .replace(/\s+/g, ' ');
}

export const runMajorityVote: StepRunner<'majority-vote'> = async (step, context) => {
  const paths = context.state.candidates;
  const answers = await Promise.all(
    paths.map(async (path, index) => {
      const found = finalAnswerLine(path, step.answer_prefix);
      if (found) return found;
      try {
        return await context.call({
          step: `${step.id}.extract${index + 1}`,
          kind: 'extract',
          model: context.resolveModel(step.model),
          messages: withSystem(context, fillTemplate(step.extract_instruction, { reasoning: path })),
          temperature: step.temperature,
          maxTokens: step.max_tokens,
        });
      } catch (error) {
        if (error instanceof ModelCallError && error.failure.kind !== 'cancelled') return null; // this path abstains
        throw error;
      }
    }),
  );
  const tally = new Map<string, { count: number; first: number }>();
  answers.forEach((answer, index) => {
    if (answer === null) return;
    const key = normaliseAnswer(answer);
    const entry = tally.get(key) ?? { count: 0, first: index };
    entry.count += 1;
    tally.set(key, entry);
  });
  const ranked = [...tally.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const [winner, runnerUp] = ranked;
  if (!winner)
    throw new PipelineFailure({
      kind: 'invalid-output',
      message: 'No reasoning path gave a final answer.',
      retryable: true,
    });
  const agreement = winner[1].count / paths.length;
  const tie = runnerUp !== undefined && runnerUp[1].count === winner[1].count;
  context.recordLocalStep({
    step: step.id,
    kind: 'vote',
    outputText: ranked.map(([key, entry]) => `"${key}" ×${entry.count}`).join(', '),
    parsedJson: {
      tally: Object.fromEntries(ranked.map(([key, entry]) => [key, entry.count])),
      agreement,
      tie,
      chosenPath: winner[1].first + 1,
      // The chosen path's own final answer as written, so a presentation can show it without the reasoning.
      answer: answers[winner[1].first],
    },
    note: `agreement ${(agreement * 100).toFixed(0)}%${agreement < 0.5 ? ' (low)' : ''}${tie ? '; tie: first-sampled answer kept' : ''}; path ${winner[1].first + 1} shown`,
  });
  context.state.outputs.set(step.id, paths[winner[1].first] ?? '');
  context.state.draft = paths[winner[1].first] ?? null;
};
