// Maps our ChatRequest to the chat-completions body that the widest range of servers accept
// (max_tokens rather than max_completion_tokens, for Ollama and vLLM; never `n`).
import type OpenAI from 'openai';
import type { ChatMessage, ChatRequest, JsonResponseFormat } from './chat-model.ts';

/** How to ask for JSON: a schema (OpenAI, vLLM, recent Ollama), plain JSON mode, or not at all. */
export type JsonMode = 'json_schema' | 'json_object' | 'off';

type Body = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

export function requestBody(request: ChatRequest, jsonMode: JsonMode): Omit<Body, 'stream'> {
  return {
    model: request.model,
    messages: request.messages.map(messageParam),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(request.responseFormat ? { response_format: responseFormat(request.responseFormat, jsonMode) } : {}),
  };
}

type MessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** A user turn with images becomes content parts (text first, then each image); everything else stays plain text. */
function messageParam(message: ChatMessage): MessageParam {
  if (message.role !== 'user' || !message.images?.length) return { role: message.role, content: message.content };
  const images = message.images.map((url) => ({ type: 'image_url' as const, image_url: { url } }));
  return {
    role: 'user',
    content: [...(message.content ? [{ type: 'text' as const, text: message.content }] : []), ...images],
  };
}

function responseFormat(format: JsonResponseFormat, jsonMode: JsonMode): Body['response_format'] {
  if (jsonMode === 'off') return undefined;
  if (jsonMode === 'json_object') return { type: 'json_object' };
  // OpenAI accepts only [a-zA-Z0-9_-]{1,64} as a schema name.
  const name = format.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'answer';
  // strict: false because strict mode demands every property be required, which our schemas don't promise.
  return { type: 'json_schema', json_schema: { name, schema: format.schema, strict: false } };
}
