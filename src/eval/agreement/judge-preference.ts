// The judge's pick among one comparison's answers, shown as A, B, ... in a given order. Its reply must be JSON
// that zod accepts; junk is retried once with the problem stated, then the pick is "unparsable" (counted, never
// guessed). A failed call is "failed" with the failure in words; a cancelled one rethrows.
import { z } from 'zod';
import { askJson } from '../../llm/ask-json.js';
import type { ChatMessage, ChatModel } from '../../llm/chat-model.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** An index into the answers as shown, 'tie', or why there is no pick. */
export type JudgePick = { kind: 'answer'; index: number } | { kind: 'tie' } | { kind: 'unparsable'; problem: string } | { kind: 'failed'; problem: string };

export interface JudgeCall {
  pick: JudgePick;
  calls: number;
  costUsd: number | null;
}

// MT-Bench's pairwise judge prompt, widened to up to four answers.
function instruction(prompt: string, answers: readonly string[]): string {
  const shown = answers.map((answer, index) => `[Answer ${LETTERS[index]}]\n${answer}\n[End of answer ${LETTERS[index]}]`).join('\n\n');
  const letters = LETTERS.slice(0, answers.length);
  return 'Please act as an impartial judge and evaluate the quality of the answers that AI assistants gave to the user question below. '
    + 'Choose the answer that follows the user\'s instructions and answers the question best, considering helpfulness, relevance, accuracy, depth and clarity. '
    + 'Do not let the order of the answers, their length or the assistants\' names influence you. '
    + `Reply with JSON only: {"verdict": one of ${letters.map((letter) => `"${letter}"`).join(', ')} or "tie", "reason": "one sentence"}.\n\n`
    + `[User question]\n${prompt}\n\n${shown}`;
}

export async function judgePreference(model: ChatModel, judgeModel: string, exchange: { prompt: string; answers: readonly string[] }, signal?: AbortSignal): Promise<JudgeCall> {
  const letters = LETTERS.slice(0, exchange.answers.length) as [string, ...string[]];
  const Verdict = z.object({ verdict: z.enum([...letters, 'tie']), reason: z.string().default('') });
  const format = { name: 'preference_verdict', schema: z.toJSONSchema(Verdict) as Record<string, unknown> };
  const first: ChatMessage[] = [{ role: 'user', content: instruction(exchange.prompt, exchange.answers) }];
  const call: JudgeCall = { pick: { kind: 'unparsable', problem: '' }, calls: 0, costUsd: 0 };
  const answer = await askJson(first, Verdict, async (messages) => {
    call.calls += 1;
    const completion = await model.complete({ model: judgeModel, messages, temperature: 0, maxTokens: 300, responseFormat: format }, { signal });
    call.costUsd = call.costUsd === null || completion.costUsd === null ? null : call.costUsd + completion.costUsd;
    return completion.text;
  });
  if (answer.ok) return { ...call, pick: answer.value.verdict === 'tie' ? { kind: 'tie' } : { kind: 'answer', index: letters.indexOf(answer.value.verdict) } };
  return { ...call, pick: { kind: answer.failed ? 'failed' : 'unparsable', problem: answer.error } };
}
