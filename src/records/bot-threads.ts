// The threads the bot opened, kept in the store so they survive restarts: inside a chat or /ask thread every
// message is a turn (no mention needed); a /compare discussion thread is for people, so the bot answers
// there only when mentioned. An /ask thread keeps its prompt (the answer it starts from has no copy of it);
// /forget-me deletes those prompts along with the rest.
import { z } from 'zod';
import type { Store } from '../store/open-store.ts';

export const BotThread = z.strictObject({
  origin: z.enum(['chat', 'ask', 'compare']),
  requesterHash: z.string().min(1),
  /** The /ask prompt the thread continues from; absent for the other origins and after /forget-me. */
  prompt: z.string().max(4000).optional(),
  startedAt: z.iso.datetime(),
});
export type BotThread = z.infer<typeof BotThread>;

export interface BotThreads {
  get(threadId: string): Promise<BotThread | undefined>;
  add(threadId: string, thread: Omit<BotThread, 'startedAt'>, now?: Date): Promise<void>;
  /** Removes the prompts this user wrote from their /ask threads; returns how many. */
  forgetRequester(requesterHash: string): Promise<number>;
}

export function createBotThreads(store: Store): BotThreads {
  const threads = store.namespace('bot-threads', BotThread);
  return {
    get: (threadId) => threads.get(threadId),
    add: (threadId, thread, now = new Date()) => threads.set(threadId, { ...thread, startedAt: now.toISOString() }),
    async forgetRequester(requesterHash) {
      let count = 0;
      for await (const [threadId, thread] of threads.entries()) {
        if (thread.requesterHash !== requesterHash || thread.prompt === undefined) continue;
        const { prompt: _prompt, ...rest } = thread;
        await threads.set(threadId, rest);
        count += 1;
      }
      return count;
    },
  };
}
