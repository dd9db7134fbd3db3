// Reads a non-streamed chat completion defensively: OpenAI-compatible servers and proxies in front of them
// sometimes answer 200 with something else (an HTML page, a bare string), which must be a failure, not a crash.
import { z } from 'zod';
import { ModelCallError } from './failure.ts';
import type { RawAnswer } from './read-chat-stream.ts';

const Completion = z.looseObject({
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      message: z.looseObject({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

const notACompletion = (cause: unknown): ModelCallError =>
  new ModelCallError(
    { kind: 'server', message: 'The model server sent a reply that is not a chat completion.', retryable: true },
    { cause },
  );

export function readCompletion(body: unknown): RawAnswer {
  const parsed = Completion.safeParse(body);
  if (!parsed.success) throw notACompletion(parsed.error);
  const { model, choices, usage } = parsed.data;
  const choice = choices[0];
  return {
    text: choice?.message?.content ?? '',
    model: model || null,
    usage: usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : null,
    finishReason: choice?.finish_reason ?? null,
  };
}

/** The client parses a JSON content-type body itself; a body that is not JSON surfaces as SyntaxError. */
export function unreadableReply(error: unknown): never {
  throw error instanceof SyntaxError ? notACompletion(error) : error;
}
