// The `final-only` presentation transform: a reasoning pipeline's visible reasoning removed, its final answer
// kept, so an experiment can measure what showing the work does to votes. It reads what the pipeline recorded
// rather than guessing from the text: self-consistency shows the whole winning reasoning path, and its vote
// step records that path's final answer. Chain of thought already shows only the answer its extract step wrote
// (the reasoning stays behind "Steps of"), and single-call pipelines have no separate answer, so those pass
// through unchanged.
import { z } from 'zod';
import type { PipelineResult, StepTrace } from '../trace.ts';
import { finalAnswerLine } from '../steps/majority-vote.ts';

export type FinalOnlyContext = Pick<PipelineResult, 'trace'>;

const VoteOutputSchema = z.object({ chosenPath: z.int().min(1), answer: z.string().nullish() });

/** The prefix the shipped self-consistency pipeline asks its paths to end with, for traces that predate `answer`. */
const SHIPPED_ANSWER_PREFIX = 'Final answer:';

function votedAnswer(answer: string, trace: readonly StepTrace[], vote: StepTrace): string | null {
  const parsed = VoteOutputSchema.safeParse(vote.parsedJson);
  if (!parsed.success) return null;
  if (parsed.data.answer) return parsed.data.answer.trim();
  // Traces stored before the vote step kept its answer: the chosen path's extraction call, else its own line.
  const extracted = trace.find((step) => step.step === `${vote.step}.extract${parsed.data.chosenPath}` && !step.error);
  return extracted?.outputText.trim() || finalAnswerLine(answer, SHIPPED_ANSWER_PREFIX);
}

/** The answer without its visible reasoning; unchanged when the pipeline shows none. */
export function finalOnly(answer: string, context: FinalOnlyContext): string {
  const vote = context.trace.findLast((step) => step.kind === 'vote');
  if (!vote) return answer;
  return votedAnswer(answer, context.trace, vote) || answer;
}
