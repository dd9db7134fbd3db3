// An in-process ChatModel answering from the same scripts as the fake HTTP server, after a fixed
// latency. For benchmarks of the engine's own scheduling, with no HTTP stack in the measurement.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatModel } from '../../src/llm/chat-model.ts';
import { ModelCallError } from '../../src/llm/failure.ts';
import type { FakeHandler, RecordedRequest } from './fake-reply.ts';

export function scriptedChatModel(handler: FakeHandler, options: { latencyMs: number }): ChatModel {
  let index = 0;
  return {
    async complete(request, callOptions = {}) {
      const messages = request.messages.map((message) => ({ role: message.role, content: message.content }));
      const recorded: RecordedRequest = {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: {},
        body: { model: request.model, temperature: request.temperature, max_tokens: request.maxTokens },
        model: request.model,
        messages,
        stream: Boolean(callOptions.onDelta),
        system: messages
          .filter((message) => message.role === 'system')
          .map((message) => message.content)
          .join('\n\n'),
        user: messages.findLast((message) => message.role === 'user')?.content ?? '',
        images: request.messages.flatMap((message) => message.images ?? []),
        time: Date.now(),
      };
      const reply = await handler(recorded, index++);
      try {
        await sleep(options.latencyMs, undefined, { signal: callOptions.signal });
      } catch {
        throw new ModelCallError({ kind: 'cancelled', message: 'Cancelled before it finished.', retryable: false });
      }
      const text = reply.text ?? '';
      callOptions.onDelta?.(text);
      return {
        text,
        model: request.model,
        usage: { promptTokens: messages.length * 10, completionTokens: text.split(/\s+/).length },
        latencyMs: options.latencyMs,
        costUsd: null,
        finishReason: 'stop',
      };
    },
  };
}
