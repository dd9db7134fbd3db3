// Each row's outcomes split by the prompt category of their comparison, from the same counted votes as its rating:
// wins, losses and ties per category, so a technique card can give its win rate where each kind of prompt is
// concerned without counting the board again per category. Comparisons from before categories count as `other`.
import { z } from 'zod';
import type { CountedVotes } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';

export const RowCategoryTallySchema = z.strictObject({
  category: z.string(),
  wins: z.number(),
  losses: z.number(),
  ties: z.number(),
});
export type RowCategoryTally = z.infer<typeof RowCategoryTallySchema>;

/** Per row, its categories with at least one outcome, most outcomes first (ties by category). */
export function categoryTallies({
  counted,
  categories,
}: Pick<CountedVotes, 'counted' | 'categories'>): Map<string, RowCategoryTally[]> {
  // Votes of one pattern share their outcome list: tallied once per (list, category), times its count.
  const times = new Map<readonly PairOutcome[], Map<string, number>>();
  for (const { outcomes, comparison } of counted) {
    if (outcomes.length === 0) continue;
    const category = categories[comparison]!;
    let byCategory = times.get(outcomes);
    if (byCategory === undefined) times.set(outcomes, (byCategory = new Map()));
    byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
  }
  const rows = new Map<string, Map<string, RowCategoryTally>>();
  const tallyOf = (row: string, category: string) => {
    let categories = rows.get(row);
    if (categories === undefined) rows.set(row, (categories = new Map()));
    let tally = categories.get(category);
    if (tally === undefined) categories.set(category, (tally = { category, wins: 0, losses: 0, ties: 0 }));
    return tally;
  };
  for (const [outcomes, byCategory] of times)
    for (const [category, count] of byCategory)
      for (const { first, second, score } of outcomes) {
        if (score === 0.5) {
          tallyOf(first, category).ties += count;
          tallyOf(second, category).ties += count;
        } else {
          tallyOf(first, category).wins += count;
          tallyOf(second, category).losses += count;
        }
      }
  const size = (tally: RowCategoryTally) => tally.wins + tally.losses + tally.ties;
  return new Map(
    [...rows].map(([row, categories]) => [
      row,
      [...categories.values()].sort(
        (left, right) => size(right) - size(left) || (left.category < right.category ? -1 : 1),
      ),
    ]),
  );
}
