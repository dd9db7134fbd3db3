// Gives every comparison stored without a prompt category (those from before categories, or whose category step
// could not be stored) its category now, from its stored conversation, through the same step /compare runs.
// Comparisons whose prompt was forgotten (/forget-me, retention) have nothing left to classify: they stay `other`.
// Idempotent: a comparison with a category is never asked about again.
import type { Categorization } from '../../engine/categorize/categorize-prompt.ts';
import type { ChatMessage } from '../../llm/chat-model.ts';
import type { ComparisonStore } from './comparison-store.ts';

export interface BackfillProgress {
  /** Comparisons without a category whose prompt is still stored: the ones to classify. */
  pending: number;
  done: number;
  bySource: { judge: number; rules: number };
  /** Tokens and cost of the judge calls (cost null once a price is unknown). */
  tokens: number;
  costUsd: number | null;
}

export interface BackfillSummary extends BackfillProgress {
  /** Comparisons that already had a category. */
  categorized: number;
  /** Comparisons without a category and without a prompt: they count as `other`. */
  forgotten: number;
  /** Per category, the comparisons given it in this run. */
  byCategory: Record<string, number>;
}

export async function backfillCategories(
  comparisons: ComparisonStore,
  categorize: (conversation: ChatMessage[]) => Promise<Categorization>,
  options: { dryRun?: boolean; onProgress?: (progress: BackfillProgress) => void } = {},
): Promise<BackfillSummary> {
  const pendingIds: string[] = [];
  const summary: BackfillSummary = {
    pending: 0,
    done: 0,
    bySource: { judge: 0, rules: 0 },
    tokens: 0,
    costUsd: 0,
    categorized: 0,
    forgotten: 0,
    byCategory: {},
  };
  // Ids only, so the list stays small however many comparisons there are; the ballots stream.
  for await (const ballot of comparisons.allBallots()) {
    if (ballot.category !== undefined) summary.categorized += 1;
    else if (ballot.promptForgotten) summary.forgotten += 1;
    else pendingIds.push(ballot.id);
  }
  summary.pending = pendingIds.length;
  if (options.dryRun === true) return summary;
  for (const id of pendingIds) {
    const [texts] = await comparisons.texts([id]);
    const conversation = texts?.conversation ?? [];
    if (conversation.length === 0) {
      summary.forgotten += 1;
      continue;
    }
    const found = await categorize(conversation);
    await comparisons.setCategory(id, { id: found.category, source: found.source });
    summary.done += 1;
    summary.bySource[found.source] += 1;
    summary.byCategory[found.category] = (summary.byCategory[found.category] ?? 0) + 1;
    summary.tokens += found.tokens;
    summary.costUsd = summary.costUsd === null || found.costUsd === null ? null : summary.costUsd + found.costUsd;
    options.onProgress?.(summary);
  }
  return summary;
}
