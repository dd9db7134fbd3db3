// One JSON reply from a judge model, checked with zod, with one retry: a model that misformats once usually
// complies when told what was wrong; twice means it will not. A failed call (other than a cancellation) comes back
// as a value, so a judge's failure is recorded where it happened, never a crash.
import type { z } from 'zod';
import type { ChatMessage } from './chat-message.js';
import { ModelCallError } from './failure.js';
import { parseJsonReply } from './parse-json-reply.js';

export type JsonAnswer<T> = { ok: true; value: T } | { ok: false; error: string; /** the call failed, as opposed to a reply that was unusable twice */ failed: boolean };

/**
 * Sends `first`, and once more with the reply and its problem appended when the reply is not JSON that `schema`
 * accepts. `send` makes the call (and counts its cost); `onUnusable` hears each unusable reply's problem.
 */
export async function askJson<T>(
  first: ChatMessage[],
  schema: z.ZodType<T>,
  send: (messages: ChatMessage[], attempt: 1 | 2) => Promise<string>,
  onUnusable?: (problem: string) => void,
): Promise<JsonAnswer<T>> {
  let messages = first;
  let problem = '';
  for (const attempt of [1, 2] as const) {
    let text: string;
    try {
      text = await send(messages, attempt);
    } catch (error) {
      if (error instanceof ModelCallError && error.failure.kind !== 'cancelled') return { ok: false, error: error.failure.message, failed: true };
      throw error;
    }
    const parsed = parseJsonReply(text, schema);
    if (parsed.ok) return parsed;
    problem = parsed.error;
    onUnusable?.(problem);
    messages = [...first, { role: 'assistant', content: text }, { role: 'user', content: `That reply could not be used: ${problem}. Answer again with the JSON only.` }];
  }
  return { ok: false, error: problem, failed: false };
}
