// The text of a visible answer (chat, /ask) before splitting: the answer or the reason there is none, the
// ⚠️ lines about what was left out, and which remembered facts the model was given.
import type { PipelineResult } from '../../engine/trace.js';
import { renderWarnings } from './chat-reply.js';

const MEMORY_NOTE_MAX = 400;

/** "-# 🧠 Remembered: Has a grey cat · Is learning Rust", cut to stay one short line. */
export function renderMemoryNote(memories: readonly string[]): string {
  if (memories.length === 0) return '';
  const line = `-# 🧠 Remembered: ${memories.map((fact) => fact.replace(/\s+/g, ' ')).join(' · ')}`;
  return line.length <= MEMORY_NOTE_MAX ? line : `${line.slice(0, MEMORY_NOTE_MAX - 1)}…`;
}

function failureLine(result: Pick<PipelineResult, 'failure'>, sentImages: boolean): string {
  if (sentImages && result.failure?.kind === 'rejected') {
    return '⚠️ The model server refused the request with the image: this model probably takes text only. Ask again without the image (the bot’s operator can set IMAGE_INPUT=off).';
  }
  return `⚠️ ${result.failure?.message ?? 'No answer.'}`;
}

export function renderAnswerBody(
  result: Pick<PipelineResult, 'status' | 'answer' | 'failure'>,
  notes: { warnings?: readonly string[]; memories?: readonly string[]; sentImages?: boolean } = {},
): string {
  const answer = result.status === 'ok' ? (result.answer ?? '') : failureLine(result, notes.sentImages ?? false);
  return [answer, renderWarnings([...(notes.warnings ?? [])]), renderMemoryNote(notes.memories ?? [])].filter(Boolean).join('\n');
}
