// "When does a technique help?": for each prompt category, the techniques fitted on that category's votes alone,
// each rating read as its difference from the baseline (`plain`, pinned at 0) with the sandwich interval of that
// difference, as the board's own intervals. Prior work expects chain-of-thought to gain on maths and little on
// chat (Sprague et al. 2024); this table shows it, or not, for each technique. A cell whose technique met the
// baseline in fewer than MIN_CELL_VOTES votes of the category gives no number: it says how few there were.
// It is built from the votes the board counted (no second count): their outcomes are renamed from rows to
// techniques (versions and models pooled; a technique never meets itself) and split by their comparison's category.
import { z } from 'zod';
import { balancedPairFactors, scalePairSums, type WeightMode } from './fit/pair-weights.ts';
import { fitBradleyTerry } from './fit/fit-bradley-terry.ts';
import { sandwichIntervals } from './fit/sandwich-intervals.ts';
import { toEloRatings } from './fit/to-elo-ratings.ts';
import { IntervalSchema } from './fit/wilson-interval.ts';
import { buildRatingTable, fullPatternCounts, pairSumsOf, type RatingTable } from './rating-table.ts';
import type { CountedVote, CountedVotes } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';

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

export interface CategoryFitOptions {
  lambda: number;
  weights: WeightMode;
}

/** The table from the board's counted votes; null when no counted vote involves the baseline. */
export function categoryTable(
  { counted, rows, categories }: Pick<CountedVotes, 'counted' | 'rows' | 'categories'>,
  options: CategoryFitOptions,
  baseline = 'plain',
): CategoryTable | null {
  const techniqueOf = (row: string) => rows.get(row)?.pipelineId ?? row;
  // Renamed once per shared outcome list, so votes with the same outcomes still share one (rating-table.ts groups by it).
  const renamed = new Map<readonly PairOutcome[], PairOutcome[]>();
  const byCategory = new Map<string, CountedVote[]>();
  for (const entry of counted) {
    if (entry.outcomes.length === 0) continue;
    let outcomes = renamed.get(entry.outcomes);
    if (outcomes === undefined) {
      outcomes = entry.outcomes.flatMap((outcome) => {
        const [first, second] = [techniqueOf(outcome.first), techniqueOf(outcome.second)];
        return first === second ? [] : [{ ...outcome, first, second }];
      });
      renamed.set(entry.outcomes, outcomes);
    }
    if (outcomes.length === 0) continue;
    const category = categories[entry.comparison]!;
    let list = byCategory.get(category);
    if (list === undefined) byCategory.set(category, (list = []));
    list.push({ ...entry, outcomes });
  }
  const fits = [...byCategory].map(([category, votes]) => fitCategory(category, votes, options, baseline));
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
    rows: techniques.map((technique) => ({ technique, cells: fits.map((fit) => fit.cell(technique)) })),
  };
}

function fitCategory(category: string, rated: readonly CountedVote[], options: CategoryFitOptions, baseline: string) {
  const table = buildRatingTable(rated);
  const techniques = new Map(table.pipelineIds.map((id, index) => [id, index]));
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
  const fitted = anchor !== undefined && enough ? fitDeltas(table, anchor, options) : null;
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
function fitDeltas(table: RatingTable, anchorIndex: number, options: CategoryFitOptions) {
  const sums = pairSumsOf(table, fullPatternCounts(table));
  const factors = options.weights === 'balanced' ? balancedPairFactors(sums) : null;
  if (factors !== null) scalePairSums(sums, factors);
  const theta = fitBradleyTerry(sums, { lambda: options.lambda });
  const ratings = toEloRatings(theta, anchorIndex);
  const intervals = sandwichIntervals(table, theta, { lambda: options.lambda, anchorIndex, sums, factors });
  return { ratings, lower: intervals.lower, upper: intervals.upper };
}
