// "When does a technique help?": for each prompt category, the techniques fitted on that category's votes alone,
// each rating read as its difference from the baseline (`plain`, pinned at 0) with the sandwich interval of that
// difference, as the board's own intervals. Prior work expects chain-of-thought to gain on maths and little on
// chat (Sprague et al. 2024); this table shows it, or not, for each technique. A cell whose technique met the
// baseline in fewer than MIN_CELL_VOTES votes of the category gives no number: it says how few there were.
import { z } from 'zod';
import { balancedPairFactors, scalePairSums, type WeightMode } from './fit/pair-weights.ts';
import { fitBradleyTerry } from './fit/fit-bradley-terry.ts';
import { sandwichIntervals } from './fit/sandwich-intervals.ts';
import { toEloRatings } from './fit/to-elo-ratings.ts';
import { IntervalSchema } from './fit/wilson-interval.ts';
import { buildRatingTable, fullPatternCounts, pairSumsOf } from './rating-table.ts';
import {
  categoryOf,
  createVoteCounter,
  type CountedVote,
  type SelectOptions,
  type VoteWithBallot,
} from './select-counted-votes.ts';

/** Fewer head-to-head votes than this against the baseline in a category, and a cell gives no delta. */
export const MIN_CELL_VOTES = 10;

export const CategoryCellSchema = z.strictObject({
  category: z.string(),
  /** Counted votes of this category whose outcomes pair the technique with the baseline. */
  votes: z.number(),
  /** Rating minus the baseline's on the Elo scale; null when `votes` is below the table's minimum. */
  delta: z.number().nullable(),
  /** 95 % sandwich interval of the delta; null with the delta. */
  interval: IntervalSchema.nullable(),
});
export type CategoryCell = z.infer<typeof CategoryCellSchema>;

export const CategoryTableSchema = z.strictObject({
  /** The technique every delta is measured against. */
  baseline: z.string(),
  minVotes: z.number(),
  /** Columns, most counted votes first (`other` last): the category and its counted votes with outcomes. */
  categories: z.array(z.strictObject({ category: z.string(), votes: z.number() })),
  /** One row per technique other than the baseline, by id; one cell per column, in column order. */
  rows: z.array(z.strictObject({ technique: z.string(), cells: z.array(CategoryCellSchema) })),
});
export type CategoryTable = z.infer<typeof CategoryTableSchema>;

export interface CategoryTableOptions extends SelectOptions {
  lambda: number;
  weights: WeightMode;
}

/**
 * Feed every vote with `add` (as the board's counter is fed); `result` fits each category apart. Techniques are
 * pooled over versions and models, and every category is counted whatever category the board itself shows.
 */
export function createCategoryTableCounter(options: CategoryTableOptions, baseline = 'plain') {
  const select: SelectOptions = { ...options, versions: 'pool', byModel: false, category: null };
  const counters = new Map<string, ReturnType<typeof createVoteCounter>>();
  return {
    add(entry: VoteWithBallot): void {
      // A vote whose comparison is gone has no category: the board already counts it as missing.
      if (entry.ballot === undefined) return;
      const category = categoryOf(entry.ballot);
      let counter = counters.get(category);
      if (counter === undefined) counters.set(category, (counter = createVoteCounter(select)));
      counter.add(entry);
    },
    result(): CategoryTable | null {
      const fits = [...counters].map(([category, counter]) => fitCategory(category, counter.result().counted));
      if (!fits.some((fit) => fit.techniques.has(baseline))) return null;
      fits.sort(
        (left, right) =>
          Number(left.category === 'other') - Number(right.category === 'other') ||
          right.rated - left.rated ||
          (left.category < right.category ? -1 : 1),
      );
      const techniques = [...new Set(fits.flatMap((fit) => [...fit.techniques.keys()]))]
        .filter((technique) => technique !== baseline)
        .sort();
      return {
        baseline,
        minVotes: MIN_CELL_VOTES,
        categories: fits.map((fit) => ({ category: fit.category, votes: fit.rated })),
        rows: techniques.map((technique) => ({
          technique,
          cells: fits.map((fit) => fit.cell(technique)),
        })),
      };
    },
  };

  function fitCategory(category: string, counted: readonly CountedVote[]) {
    const table = buildRatingTable(counted);
    const techniques = new Map(table.pipelineIds.map((id, index) => [id, index]));
    const rated = counted.filter((entry) => entry.outcomes.length > 0);
    const anchor = techniques.get(baseline);
    const headToHead = new Map<string, number>();
    for (const entry of rated) {
      const met = new Set<string>();
      for (const outcome of entry.outcomes) {
        if (outcome.first === baseline) met.add(outcome.second);
        else if (outcome.second === baseline) met.add(outcome.first);
      }
      for (const technique of met) headToHead.set(technique, (headToHead.get(technique) ?? 0) + 1);
    }
    const enough = [...headToHead.values()].some((votes) => votes >= MIN_CELL_VOTES);
    const fitted = anchor !== undefined && enough ? fitDeltas(table, anchor) : null;
    return {
      category,
      rated: rated.length,
      techniques,
      cell(technique: string): CategoryCell {
        const votes = headToHead.get(technique) ?? 0;
        const index = techniques.get(technique);
        if (fitted === null || index === undefined || votes < MIN_CELL_VOTES)
          return { category, votes, delta: null, interval: null };
        return {
          category,
          votes,
          delta: fitted.ratings[index]! - 1000,
          interval: { lower: fitted.lower[index]! - 1000, upper: fitted.upper[index]! - 1000 },
        };
      },
    };
  }

  /** The category's Bradley–Terry fit with the baseline pinned at 1000, and sandwich intervals (as the board's). */
  function fitDeltas(table: ReturnType<typeof buildRatingTable>, anchorIndex: number) {
    const sums = pairSumsOf(table, fullPatternCounts(table));
    const factors = options.weights === 'balanced' ? balancedPairFactors(sums) : null;
    if (factors !== null) scalePairSums(sums, factors);
    const theta = fitBradleyTerry(sums, { lambda: options.lambda });
    const ratings = toEloRatings(theta, anchorIndex);
    const intervals = sandwichIntervals(table, theta, { lambda: options.lambda, anchorIndex, sums, factors });
    return { ratings, lower: intervals.lower, upper: intervals.upper };
  }
}
