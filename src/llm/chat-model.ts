// The one boundary between the engine and any chat model. Engine code talks to this interface only;
// src/llm/openai-chat-model.ts implements it over the openai client, tests may script it.

import type { ChatMessage } from './chat-message.ts';

export type { ChatMessage, ChatRole } from './chat-message.ts';

/** Asks for JSON output. `schema` is a JSON Schema; servers that cannot honour it fall back to JSON mode. */
export interface JsonResponseFormat {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  responseFormat?: JsonResponseFormat;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatCompletion {
  text: string;
  /** The model the server says answered (may differ from the one asked for). */
  model: string;
  usage: ChatUsage | null;
  latencyMs: number;
  /** null when the model has no entry in the price table: unknown, not free. */
  costUsd: number | null;
  finishReason: string | null;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** When given, the call streams and reports each piece of text as it arrives. */
  onDelta?: (delta: string) => void;
}

/**
 * A chat model. `complete` resolves with the whole answer, or rejects with a ModelCallError whose
 * `failure` says in words what went wrong (rate limit, timeout, unreachable server...).
 */
export interface ChatModel {
  complete(request: ChatRequest, options?: CallOptions): Promise<ChatCompletion>;
}
