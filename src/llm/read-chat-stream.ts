// Reads a streamed chat completion: reports each text delta, collects text, model, usage and finish reason,
// and turns a stream that breaks or stalls midway into a ModelCallError instead of a raw socket error.
import type OpenAI from 'openai';
import type { Stream } from 'openai/streaming';
import type { ChatUsage } from './chat-model.ts';
import { brokenStream, classifyError, timedOut, type FailureContext } from './classify-error.ts';
import { ModelCallError } from './failure.ts';

export interface RawAnswer {
  text: string;
  model: string | null;
  usage: ChatUsage | null;
  finishReason: string | null;
}

type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;

/**
 * The client's timeout only covers the wait for response headers, so a server that stops sending
 * mid-stream would hang forever; `idleMs` without a chunk counts as a timeout.
 */
export async function readChatStream(
  stream: Stream<Chunk>,
  onDelta: (delta: string) => void,
  idleMs: number,
  context: FailureContext,
): Promise<RawAnswer> {
  const iterator = stream[Symbol.asyncIterator]();
  const answer: RawAnswer = { text: '', model: null, usage: null, finishReason: null };
  let stalled = false;
  let finished = false;
  let watchdog: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      watchdog = setTimeout(() => {
        stalled = true;
        stream.controller.abort();
      }, idleMs);
      let next: IteratorResult<Chunk>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw new ModelCallError(classifyError(error, context) ?? brokenStream(), { cause: error });
      } finally {
        clearTimeout(watchdog);
      }
      if (next.done) break;
      const delta = absorb(answer, next.value);
      // Outside the try above: an error thrown by the caller's callback is theirs, not the server's.
      if (delta) onDelta(delta);
    }
    finished = true;
  } finally {
    if (!finished) stream.controller.abort();
  }
  // openai-node ends an aborted stream quietly, so a stall would otherwise look like a short answer.
  if (stalled) throw new ModelCallError(timedOut(context));
  return answer;
}

function absorb(answer: RawAnswer, chunk: Chunk): string {
  if (chunk.model) answer.model = chunk.model;
  if (chunk.usage)
    answer.usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
  const choice = chunk.choices?.[0];
  if (choice?.finish_reason) answer.finishReason = choice.finish_reason;
  const delta = choice?.delta?.content ?? '';
  answer.text += delta;
  return delta;
}
