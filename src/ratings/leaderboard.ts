// The leaderboard as plain data: ratings with intervals and ranks, the evidence behind them, head-to-head
// figures and the position-bias check. Renderers (Discord, terminal) format it; nothing here formats. Zod
// schemas are the definition, because a computed leaderboard is stored and read back (leaderboard snapshots).
import { z } from 'zod';
import { PairwiseMatrixSchema } from './pairwise-matrix.ts';
import { PositionBiasSchema } from './position-bias.ts';
import { PipelineTallySchema } from './pipeline-tallies.ts';
import { VoteCountsSchema } from './select-counted-votes.ts';
import { StyleCoefficientSchema } from './fit/style-control.ts';
import { RankSpreadSchema } from './rank-spread.ts';
import { VERSION_MODES } from './row-keys.ts';
import { FlipSchema } from './fit/vote-robustness.ts';
import { AnswerCostSchema } from './answer-costs.ts';
import { WEIGHT_MODES } from './fit/pair-weights.ts';
import { IntervalSchema } from './fit/wilson-interval.ts';
import { CategoryTableSchema } from './category-table.ts';
import { RowCategoryTallySchema } from './category-tallies.ts';

/** The store namespace counted boards are kept in: derived data, so backups leave it out and restores recount. */
export const STORED_LEADERBOARDS_NAMESPACE = 'leaderboards';

export const PROVISIONAL_REASONS = [
  'few-outcomes',
  'few-comparisons',
  'few-voters',
  'wide-interval',
  'below-min-votes',
  'no-losses',
  'no-wins',
] as const;
export type ProvisionalReason = (typeof PROVISIONAL_REASONS)[number];

/** How the 95% intervals are found: the cluster sandwich (one pass) or the bootstrap over comparisons. */
export const INTERVAL_METHODS = ['sandwich', 'bootstrap'] as const;

export const StyleControlledRatingSchema = z.strictObject({
  rating: z.number(),
  interval: IntervalSchema,
  /** Ranked like the raw ratings, among the style-controlled ones. */
  rank: z.number(),
  /** Raw rank − style-controlled rank: positive when holding style equal moves the pipeline up. */
  rankChange: z.number(),
});
export type StyleControlledRating = z.infer<typeof StyleControlledRatingSchema>;

export const LeaderboardRowSchema = PipelineTallySchema.extend({
  /** The row as shown: a pipeline (`cot`), a version of one (`cot@3f2a1b2c`), or a (technique, model) cell (`cot · gpt-4o-mini`). */
  pipelineId: z.string(),
  /** The pipeline (technique) the row counts. */
  technique: z.string(),
  /** The model that drafted the row's answers when rows are (technique, model) cells; else null. */
  model: z.string().nullable(),
  /** The pipeline version the row counts (a technique card finds its row by it); null when pooled or unversioned. */
  version: z.string().nullable(),
  /** Bradley-Terry rating on the Elo scale. */
  rating: z.number(),
  /** 95 % interval (settings.intervals says how it was found). The anchor's is [1000, 1000] by construction: others are measured against it. */
  interval: IntervalSchema,
  /** 1 + the number of pipelines whose lower bound is above this one's upper bound; equal ranks are possible. */
  rank: z.number(),
  /** The best (= rank) and worst rank the 95% intervals allow: Arena's rank spread. */
  rankSpread: RankSpreadSchema,
  /** Online Elo in vote order: a live figure, never used for ranking. */
  liveRating: z.number(),
  /** wins / (wins + losses); null without decisive outcomes. */
  winRate: z.number().nullable(),
  /** ties / outcomes; null without outcomes. */
  tieRate: z.number().nullable(),
  /** allBadVotes / votes; null without votes. */
  allBadRate: z.number().nullable(),
  provisional: z.boolean(),
  provisionalReasons: z.array(z.enum(PROVISIONAL_REASONS)),
  /** Reason tags ("Why?") given with votes that picked this pipeline, most frequent first (ties by tag). */
  reasonTags: z.array(z.strictObject({ tag: z.string(), count: z.number() })),
  /** Its wins, losses and ties per prompt category, most first (category-tallies.ts). */
  byCategory: z.array(RowCategoryTallySchema).default([]),
  /** What one answer costs and takes, and what one win costs, from the slots' trace totals (answer-costs.ts). */
  cost: AnswerCostSchema,
  /** The rating with answer style held equal (style control); null when off or no comparison of it has style features. */
  styleControlled: StyleControlledRatingSchema.nullable(),
  /** The fewest votes found whose removal swaps this row with the next one down; null on the last row. */
  flip: FlipSchema.nullable(),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRowSchema>;

/** What the style-control fit found about style itself. */
export const StyleSummarySchema = z.strictObject({
  coefficients: z.array(StyleCoefficientSchema),
  /** Comparisons in the style-controlled fit. */
  comparisons: z.number(),
  /** Comparisons left out of it because a ballot had no style features (stored before features existed). */
  withoutFeatures: z.number(),
});
export type StyleSummary = z.infer<typeof StyleSummarySchema>;

export const LeaderboardSettingsSchema = z.strictObject({
  excludeTies: z.boolean(),
  includeAfterReveal: z.boolean(),
  includeLeaked: z.boolean(),
  includeOverCap: z.boolean(),
  includeEarly: z.boolean().default(false),
  minVotes: z.number(),
  /** How the raw ratings' intervals were found (the style-controlled ones always come from the sandwich). */
  intervals: z.enum(INTERVAL_METHODS),
  /** Pair weights of the fits: none, or balanced (each pair of rows weighs the same, Arena's). */
  weights: z.enum(WEIGHT_MODES),
  bootstrapRounds: z.number(),
  seed: z.number(),
  lambda: z.number(),
  styleControl: z.boolean(),
  versions: z.enum(VERSION_MODES),
  matchedOnly: z.boolean(),
  /** Rows are (technique, model) cells. */
  byModel: z.boolean(),
  /** Only answers drafted by this model count (null: every model's). */
  model: z.string().nullable(),
  /** Only comparisons of this prompt category count (null: every category). */
  category: z.string().nullable().default(null),
});
export type LeaderboardSettings = z.infer<typeof LeaderboardSettingsSchema>;

export const LeaderboardSchema = z.strictObject({
  /** Best rating first (ties by pipeline id). */
  rows: z.array(LeaderboardRowSchema),
  /** The pipeline pinned at 1000, or null when ratings are centred on a mean of 1000. */
  anchor: z.string().nullable(),
  matrix: PairwiseMatrixSchema,
  positionBias: z.array(PositionBiasSchema),
  counts: VoteCountsSchema,
  settings: LeaderboardSettingsSchema,
  /** null when style control is off or nothing could be fitted. */
  style: StyleSummarySchema.nullable(),
  /** The models that drafted the finished answers of the comparisons considered (before a model: restriction), sorted. */
  models: z.array(z.string()),
  /** Each technique's rating against `plain` per prompt category (every category, whichever the board shows); null without `plain`. */
  categoryTable: CategoryTableSchema.nullable().default(null),
});
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
