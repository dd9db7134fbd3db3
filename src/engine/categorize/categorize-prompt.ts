// The prompt-category step: one judge call (prompts/categories.yaml) names the kind of request the last user
// turn is, so the leaderboard can be split by category. Whatever goes wrong with the judge (an error, its
// timeout, a reply that is not JSON or names no listed category, twice) the category's patterns decide instead,
// and the result says which of the two it came from. It never throws for a model failure.
import { z } from 'zod';
import type { CategoryPrompt } from '../../catalog/data-schemas.ts';
import { fillTemplate } from '../../catalog/template-placeholders.ts';
import { askJson } from '../../llm/ask-json.ts';
import type { ChatMessage, ChatModel } from '../../llm/chat-model.ts';
import { matchCategoryRules } from './match-category-rules.ts';

export const CATEGORY_SOURCES = ['judge', 'rules'] as const;

/** The judge reads at most this much of the prompt: enough to tell its kind, and a long paste costs little. */
const PROMPT_CHARS = 2000;

export interface Categorization {
  category: string;
  source: (typeof CATEGORY_SOURCES)[number];
  /** Why the judge's answer was not used; absent when it was. */
  problem?: string;
  /** The judge calls made, their tokens and cost (null: a price unknown), as other judge calls are recorded. */
  calls: number;
  tokens: number;
  costUsd: number | null;
}

export async function categorizePrompt(
  conversation: readonly ChatMessage[],
  prompt: CategoryPrompt,
  dependencies: { model: ChatModel; resolveModel: (reference: string) => string; signal?: AbortSignal },
): Promise<Categorization> {
  const text = conversation.findLast((message) => message.role === 'user')?.content ?? '';
  const ids = prompt.categories.map((category) => category.id);
  const Reply = z.object({
    category: z
      .string()
      .transform((id) => id.trim().toLowerCase())
      .pipe(z.enum(ids as [string, ...string[]], { error: `must be one of ${ids.join(', ')}` })),
  });
  const spent = { calls: 0, tokens: 0, costUsd: 0 as number | null };
  const instruction = fillTemplate(prompt.instruction, {
    categories: prompt.categories.map((category) => `- ${category.id}: ${category.description}`).join('\n'),
  });
  const timeout = AbortSignal.timeout(prompt.timeout_ms);
  const signal = dependencies.signal === undefined ? timeout : AbortSignal.any([dependencies.signal, timeout]);
  const rules = (problem: string): Categorization => ({
    category: matchCategoryRules(text, prompt),
    source: 'rules',
    problem,
    ...spent,
  });
  try {
    const answer = await askJson(
      [
        { role: 'system', content: instruction },
        { role: 'user', content: text.slice(0, PROMPT_CHARS) },
      ],
      Reply,
      async (messages) => {
        spent.calls += 1;
        const completion = await dependencies.model.complete(
          {
            model: dependencies.resolveModel(prompt.model),
            messages,
            temperature: prompt.temperature,
            maxTokens: prompt.max_tokens,
            responseFormat: {
              name: 'prompt_category',
              schema: {
                type: 'object',
                properties: { category: { type: 'string', enum: ids } },
                required: ['category'],
              },
            },
          },
          { signal },
        );
        spent.tokens += (completion.usage?.promptTokens ?? 0) + (completion.usage?.completionTokens ?? 0);
        spent.costUsd =
          spent.costUsd === null || completion.costUsd === null ? null : spent.costUsd + completion.costUsd;
        return completion.text;
      },
    );
    return answer.ok ? { category: answer.value.category, source: 'judge', ...spent } : rules(answer.error);
  } catch (error) {
    // A cancelled call (the comparison was stopped, or the step's own timeout): the patterns still give a category.
    return rules(timeout.aborted ? `the judge took longer than ${prompt.timeout_ms} ms` : String(error));
  }
}
