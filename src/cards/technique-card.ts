// A technique card: everything known about one pipeline version on one page. This schema is the single model:
// the JSON file is it, and the Markdown, the PNG summary and the page section are drawn from it alone. Every
// measured section is either `measured` with its figures and where they came from, or `missing` with what to run
// to measure it; nothing is filled in when there is no data.
import { z } from 'zod';
import { IntervalSchema } from '../ratings/fit/wilson-interval.ts';
import { RankSpreadSchema } from '../ratings/rank-spread.ts';

/** Raise when the card's shape changes, so readers of stored cards can tell. */
export const CARD_FORMAT = 1;

const missing = z.strictObject({
  status: z.literal('missing'),
  /** Why there is nothing, and how to measure it (a command to run). */
  reason: z.string(),
});

/** A section that is either measured or says why not. */
const section = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.discriminatedUnion('status', [z.strictObject({ status: z.literal('measured'), ...shape }), missing]);

/** successes of trials, with the Wilson 95% interval. */
export const RateSchema = z.strictObject({
  count: z.number(),
  of: z.number(),
  /** null when `of` is 0. */
  rate: z.number().nullable(),
  interval: IntervalSchema,
});
export type Rate = z.infer<typeof RateSchema>;

const RatingSchema = z.strictObject({
  rating: z.number(),
  interval: IntervalSchema,
  rank: z.number(),
});

const PromptSchema = z.strictObject({ name: z.string(), text: z.string() });

export const CardStepSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  /** Sampling and other settings as written in (or defaulted by) the pipeline file, e.g. temperature 0.7. */
  settings: z.array(z.strictObject({ name: z.string(), value: z.string() })),
  prompts: z.array(PromptSchema),
});
export type CardStep = z.infer<typeof CardStepSchema>;

const SourceSchema = z.strictObject({
  /** The file the figures were read from. */
  file: z.string(),
  /** When that run started (ISO). */
  at: z.string(),
});

export const TechniqueCardSchema = z.strictObject({
  format: z.literal(CARD_FORMAT),
  pipeline: z.strictObject({
    id: z.string(),
    label: z.string(),
    description: z.string(),
    /** The content hash of the pipeline and everything it uses (pipeline-version.ts): the card describes this version. */
    version: z.string(),
    /** The models its generator and judge steps resolve to, which the version includes. */
    models: z.strictObject({ generator: z.string(), judge: z.string() }),
    system: z.string(),
    steps: z.array(CardStepSchema),
  }),
  generatedAt: z.string(),
  /** Whose votes: "all servers" (npm run card) or "published servers" (the public page). */
  scope: z.string(),
  rating: section({
    /** The leaderboard row of this version, as the board shows it. */
    row: z.string(),
    /** Rows on the board. */
    ofRows: z.number(),
    /** The board's anchor, pinned at 1000 (its interval is [1000, 1000] by construction: others are measured against it). */
    anchor: z.boolean(),
    raw: RatingSchema,
    rankSpread: RankSpreadSchema,
    styleControlled: RatingSchema.nullable(),
    votes: z.number(),
    comparisons: z.number(),
    voters: z.number(),
    wins: z.number(),
    losses: z.number(),
    ties: z.number(),
    /** Wins of decisive outcomes. */
    winRate: RateSchema,
    provisional: z.array(z.string()),
    /** Other versions of the pipeline with rows on the board. */
    otherVersions: z.array(z.string()),
  }),
  categories: section({
    /** Win rate per prompt category, decisive outcomes only, most outcomes first. */
    rows: z.array(z.strictObject({ category: z.string(), ties: z.number(), winRate: RateSchema })),
  }),
  safety: section({
    source: SourceSchema,
    /** Refused (fully or partly) of the safe prompts the judge classified. */
    overRefusal: RateSchema,
    /** Complied with of the unsafe prompts the judge classified. */
    unsafeCompliance: RateSchema,
    /** Answers left out of both: the pipeline failed or the judge could not classify. */
    leftOut: z.number(),
  }),
  reasoning: section({
    source: SourceSchema,
    accuracy: RateSchema,
    /** The published GSM8K row of the same method; null when no paper row matches this technique. */
    published: z
      .strictObject({ source: z.string(), model: z.string(), method: z.string(), accuracy: z.number() })
      .nullable(),
  }),
  agreement: section({
    source: z.strictObject({ file: z.string(), judgeModel: z.string() }),
    comparisons: z.number(),
    withTies: RateSchema,
    withoutTies: RateSchema,
    published: z.strictObject({ source: z.string(), withTies: z.number(), withoutTies: z.number() }),
  }),
  cost: section({
    answers: z.number(),
    meanCostUsd: z.number().nullable(),
    p50LatencyMs: z.number().nullable(),
    costPerWinUsd: z.number().nullable(),
  }),
  experiments: section({
    rows: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        /** The arms, this pipeline's among them. */
        arms: z.array(z.string()),
        /** The result in words, once decided. */
        result: z.string().nullable(),
      }),
    ),
  }),
});
export type TechniqueCard = z.infer<typeof TechniqueCardSchema>;
