// Which models the model server says it serves (GET /models), so that /compare models: can refuse a misspelt
// name before any call is made. Asked rarely (the answer is kept for a while) and briefly (a slash command must be
// answered within 3 s). A server that cannot list its models (no such route, down, slow, an odd reply) gives
// null: then every name is accepted, and a wrong one fails in its slot like any other model error.
import OpenAI from 'openai';
import { z } from 'zod';

const ListedModel = z.object({ id: z.string().min(1) });

export const SERVED_MODELS_TIMEOUT_MS = 1500;
export const SERVED_MODELS_TTL_MS = 5 * 60_000;

export interface ServedModels {
  /** The model ids the server lists, or null when it did not say. */
  list(): Promise<ReadonlySet<string> | null>;
}

export interface ServedModelsOptions {
  baseURL: string;
  apiKey: string;
  timeoutMs?: number;
  ttlMs?: number;
  now?: () => number;
}

export function createServedModels(options: ServedModelsOptions): ServedModels {
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? SERVED_MODELS_TIMEOUT_MS,
    maxRetries: 0,
  });
  const ttlMs = options.ttlMs ?? SERVED_MODELS_TTL_MS;
  const now = options.now ?? Date.now;

  const ask = async (): Promise<ReadonlySet<string> | null> => {
    try {
      const ids = new Set<string>();
      for await (const model of client.models.list()) {
        const parsed = ListedModel.safeParse(model);
        if (parsed.success) ids.add(parsed.data.id);
      }
      // A server listing nothing usable has not really said which models it serves.
      return ids.size > 0 ? ids : null;
    } catch {
      return null;
    }
  };

  // Callers asking at the same time share one request.
  let cached: { list: Promise<ReadonlySet<string> | null>; at: number } | null = null;
  return {
    list() {
      if (cached === null || now() - cached.at >= ttlMs) cached = { list: ask(), at: now() };
      return cached.list;
    },
  };
}
