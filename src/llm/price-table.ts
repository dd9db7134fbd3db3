// Prices per model (USD per million tokens) and the cost of one call. A model missing from the table has an
// unknown cost (null), never 0: local servers are only free when someone lists them with zeros.
import { z } from 'zod';
import type { ChatUsage } from './chat-model.ts';

const Price = z.strictObject({
  input_per_million: z.number().min(0),
  output_per_million: z.number().min(0),
});

export const PriceTable = z.record(z.string().min(1), Price);
export type PriceTable = z.infer<typeof PriceTable>;

/** The model the server says answered, and the one we asked for (servers often add a version suffix). */
export interface PricedModel {
  served: string;
  requested: string;
}

/** Exact name match on the served model, then on the requested one; no fuzzy matching. */
export function costOf(table: PriceTable, model: PricedModel, usage: ChatUsage | null): number | null {
  if (!usage) return null;
  const name = [model.served, model.requested].find((candidate) => Object.hasOwn(table, candidate));
  const price = name === undefined ? undefined : table[name];
  if (!price) return null;
  return (usage.promptTokens * price.input_per_million + usage.completionTokens * price.output_per_million) / 1_000_000;
}
