// The memory step (BlenderBot 3's long-term memory module): one model call that reads a single user
// message and returns the short facts its author stated about themselves, as zod-checked JSON. Malformed
// output is a failure value, never a silent "no facts". Every fact is checked and cleaned (check-fact.ts):
// later turns give facts to the model, so one that reads as an instruction is refused here.
import { z } from 'zod';
import type { MemoryPrompt } from '../../catalog/data-schemas.ts';
import type { ChatModel } from '../../llm/chat-model.ts';
import { ModelCallError } from '../../llm/failure.ts';
import { keepFacts } from './check-fact.ts';
import { parseJsonReply } from '../../llm/parse-json-reply.ts';

const FactsReply = z.object({ facts: z.array(z.string()) });
const FACTS_JSON_SCHEMA = {
  type: 'object',
  properties: { facts: { type: 'array', items: { type: 'string' } } },
  required: ['facts'],
};

export type FactExtraction =
  | {
      status: 'ok';
      facts: string[];
      /** Facts the model offered that were refused (instructions, too long). */ refused: number;
      tokens: number;
      costUsd: number | null;
    }
  | { status: 'error'; message: string };

export async function extractFacts(
  text: string,
  prompt: MemoryPrompt,
  dependencies: { model: ChatModel; resolveModel: (reference: string) => string; signal?: AbortSignal },
): Promise<FactExtraction> {
  const { extract } = prompt;
  try {
    const completion = await dependencies.model.complete(
      {
        model: dependencies.resolveModel(extract.model),
        messages: [
          { role: 'system', content: extract.instruction },
          { role: 'user', content: text },
        ],
        temperature: extract.temperature,
        maxTokens: extract.max_tokens,
        responseFormat: { name: 'memory_facts', schema: FACTS_JSON_SCHEMA },
      },
      { signal: dependencies.signal },
    );
    const parsed = parseJsonReply(completion.text, FactsReply);
    if (!parsed.ok) return { status: 'error', message: `the memory step's reply could not be used: ${parsed.error}` };
    const { facts, refused } = keepFacts(parsed.value.facts, extract.max_facts);
    const tokens = (completion.usage?.promptTokens ?? 0) + (completion.usage?.completionTokens ?? 0);
    return { status: 'ok', facts, refused, tokens, costUsd: completion.costUsd };
  } catch (error) {
    if (error instanceof ModelCallError) return { status: 'error', message: error.failure.message };
    throw error;
  }
}
