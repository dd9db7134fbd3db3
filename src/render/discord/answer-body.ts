// The text of a visible answer (chat, /ask) before splitting: the answer or the reason there is none, and the
// ⚠️ lines about what was left out. Remembered facts are never part of it: the answer is public, the facts are
// not (render/discord/memory-used.ts shows them to their owner).
import type { PipelineResult } from '../../engine/trace.ts';
import { renderWarnings } from './chat-reply.ts';

function failureLine(result: Pick<PipelineResult, 'failure'>, sentImages: boolean): string {
  if (sentImages && result.failure?.kind === 'rejected') {
    return '⚠️ The model server refused the request with the image: this model probably takes text only. Ask again without the image (the bot’s operator can set IMAGE_INPUT=off).';
  }
  return `⚠️ ${result.failure?.message ?? 'No answer.'}`;
}

export function renderAnswerBody(
  result: Pick<PipelineResult, 'status' | 'answer' | 'failure'>,
  notes: { warnings?: readonly string[]; sentImages?: boolean } = {},
): string {
  const answer = result.status === 'ok' ? (result.answer ?? '') : failureLine(result, notes.sentImages ?? false);
  return [answer, renderWarnings([...(notes.warnings ?? [])])].filter(Boolean).join('\n');
}
