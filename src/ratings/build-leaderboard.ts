// Entry point: votes and their ballots in, the whole leaderboard out as plain data. Deterministic: votes come
// in a canonical order (the store's key order: by comparison, then voter) before anything order-sensitive
// (bootstrap draws, online Elo). From the store they stream in, so memory grows with a few numbers per vote.
import { z } from 'zod';
import type { Ballot } from '../records/comparisons/stored-records.ts';
import type { VoteRecord } from '../records/votes/vote.ts';
import { bootstrapIntervals, type Intervals } from './fit/bootstrap-intervals.ts';
import { INTERVAL_METHODS } from './leaderboard.ts';
import { balancedPairFactors, scalePairSums, weighStyleRows, WEIGHT_MODES } from './fit/pair-weights.ts';
import { sandwichIntervals } from './fit/sandwich-intervals.ts';
import { fitBradleyTerry, type PairSums } from './fit/fit-bradley-terry.ts';
import type {
  Leaderboard,
  LeaderboardRow,
  LeaderboardSettings,
  StyleControlledRating,
  StyleSummary,
} from './leaderboard.ts';
import { onlineElo } from './fit/online-elo.ts';
import { pairwiseMatrix } from './pairwise-matrix.ts';
import { pipelineTallies } from './pipeline-tallies.ts';
import { positionBias } from './position-bias.ts';
import { provisionalReasons } from './provisional-reasons.ts';
import { rankSpreads } from './rank-spread.ts';
import { buildRatingTable, fullPatternCounts, pairSumsOf, type RatingTable } from './rating-table.ts';
import { createVoteCounter, type CountedVote, type CountedVotes, type VoteWithBallot } from './select-counted-votes.ts';
import type { PairOutcome } from './vote-outcomes.ts';
import { styleControl } from './fit/style-control.ts';
import { buildStyleRows } from './style-rows.ts';
import { sortVotes } from './sort-votes.ts';
import { toEloRatings } from './fit/to-elo-ratings.ts';
import { VERSION_MODES, type RowName } from './row-keys.ts';
import { findFlip } from './fit/vote-robustness.ts';
import { categoryTable } from './category-table.ts';
import { categoryTallies } from './category-tallies.ts';

export const LeaderboardOptionsSchema = z.strictObject({
  /** Drop tie and all-bad votes from the ratings (FastChat's --exclude-ties). Default false. */
  excludeTies: z.boolean().optional(),
  /** Count votes cast after the voter revealed the pipelines. Default false. */
  includeAfterReveal: z.boolean().optional(),
  /** Count votes on comparisons the leak guard flagged. Default false. */
  includeLeaked: z.boolean().optional(),
  /** Count votes cast past the voter's daily vote cap. Default false. */
  includeOverCap: z.boolean().optional(),
  /** Count votes cast before the answer they pick was in (🤝 and 👎: every answer). Default false. */
  includeEarly: z.boolean().optional(),
  /** Mark pipelines with fewer counted votes as provisional. Default 0. */
  minVotes: z.number().optional(),
  /** How the 95% intervals are found: the sandwich (one pass, default) or the bootstrap over comparisons. */
  intervals: z.enum(INTERVAL_METHODS).optional(),
  /** Pair weights: 'balanced' weighs each outcome inversely to how often its pair met (Arena's). Default 'none'. */
  weights: z.enum(WEIGHT_MODES).optional(),
  /** Bootstrap rounds for the intervals (intervals: bootstrap). Default 1000. */
  bootstrapRounds: z.number().optional(),
  /** Seed of the bootstrap's random draws. Default 42 (FastChat's). */
  seed: z.number().optional(),
  /** Pipeline pinned at 1000 when present. Default 'plain'. */
  anchor: z.string().optional(),
  /** L2 penalty on θ. Default 0.01. */
  lambda: z.number().optional(),
  /** Also fit ratings with answer style held equal (LMArena's style control). Default true. */
  styleControl: z.boolean().optional(),
  /** A pipeline whose version changed gets a row per version ('split', default) or one row ('pool'). */
  versions: z.enum(VERSION_MODES).optional(),
  /** Count only comparisons whose counted answers all came from one model with the same parameters. Default false. */
  matchedOnly: z.boolean().optional(),
  /** A row per (technique, model) cell, the model being the one that drafted the answers. Default false. */
  byModel: z.boolean().optional(),
  /**
   * Count only answers drafted by this model, so techniques are ranked within it: in a comparison across models
   * only that model's answers take part, and a comparison with fewer than two of them is left out. Default null.
   */
  model: z.string().nullable().optional(),
  /** Count only comparisons of this prompt category; those from before categories are `other`. Default null. */
  category: z.string().nullable().optional(),
});
export type LeaderboardOptions = z.infer<typeof LeaderboardOptionsSchema>;

/** Every option with its default filled in: equal for requests that give the same board. */
export function normalizedOptions(options: LeaderboardOptions): LeaderboardSettings & { anchor: string } {
  return { ...settingsOf(options), anchor: options.anchor ?? 'plain' };
}

function settingsOf(options: LeaderboardOptions): LeaderboardSettings {
  return {
    excludeTies: options.excludeTies ?? false,
    includeAfterReveal: options.includeAfterReveal ?? false,
    includeLeaked: options.includeLeaked ?? false,
    includeOverCap: options.includeOverCap ?? false,
    includeEarly: options.includeEarly ?? false,
    minVotes: options.minVotes ?? 0,
    intervals: options.intervals ?? 'sandwich',
    weights: options.weights ?? 'none',
    bootstrapRounds: options.bootstrapRounds ?? 1000,
    seed: options.seed ?? 42,
    lambda: options.lambda ?? 0.01,
    styleControl: options.styleControl ?? true,
    versions: options.versions ?? 'split',
    matchedOnly: options.matchedOnly ?? false,
    byModel: options.byModel ?? false,
    model: options.model ?? null,
    category: options.category ?? null,
  };
}

/** From votes and ballots in memory (tests, small tools). */
export function buildLeaderboard(
  votes: readonly VoteRecord[],
  ballots: ReadonlyMap<string, Ballot> | readonly Ballot[],
  options: LeaderboardOptions = {},
): Leaderboard {
  const settings = settingsOf(options);
  const byId = Array.isArray(ballots)
    ? new Map(ballots.map((ballot) => [ballot.id, ballot]))
    : (ballots as ReadonlyMap<string, Ballot>);
  const counter = createVoteCounter(settings);
  for (const vote of sortVotes(votes)) counter.add({ vote, ballot: byId.get(vote.comparisonId) });
  return leaderboardOf(counter.result(), settings, options.anchor);
}

/** From a stream of votes with their ballots, in the store's key order (VoteLedger.streamWithBallots). */
export async function buildLeaderboardFromStream(
  source: AsyncIterable<VoteWithBallot>,
  options: LeaderboardOptions = {},
): Promise<Leaderboard> {
  const settings = settingsOf(options);
  const counter = createVoteCounter(settings);
  for await (const entry of source) counter.add(entry);
  return leaderboardOf(counter.result(), settings, options.anchor);
}

/** From batches of votes with their ballots in the store's key order (count segments: votesFromCountRecords). */
export async function buildLeaderboardFromBatches(
  source: AsyncIterable<Iterable<VoteWithBallot>>,
  options: LeaderboardOptions = {},
): Promise<Leaderboard> {
  const settings = settingsOf(options);
  const counter = createVoteCounter(settings);
  for await (const batch of source) for (const entry of batch) counter.add(entry);
  return leaderboardOf(counter.result(), settings, options.anchor);
}

function leaderboardOf(votes: CountedVotes, settings: LeaderboardSettings, anchorId = 'plain'): Leaderboard {
  const { counted, counts, styles, reasonTags, costs, rows: names, models, comparisonIds } = votes;
  const table = buildRatingTable(counted);
  const { pipelineIds } = table;
  const tallies = pipelineTallies(counted);
  const byCategory = categoryTallies(votes);
  const anchorIndex = anchorIndexOf(pipelineIds, anchorId, tallies, names);
  const anchor = anchorIndex >= 0 ? pipelineIds[anchorIndex]! : null;
  const pinned = anchorIndex >= 0 ? anchorIndex : null;

  const sums = pairSumsOf(table, fullPatternCounts(table));
  const factors = settings.weights === 'balanced' ? balancedPairFactors(sums) : null;
  if (factors !== null) scalePairSums(sums, factors);
  const theta = fitBradleyTerry(sums, { lambda: settings.lambda });
  const ratings = toEloRatings(theta, pinned);
  const intervals = ratingIntervalsOf(table, theta, ratings, { settings, sums, factors, anchorIndex: pinned });

  const live = onlineElo(outcomesInTimeOrder(counted));

  const styled = styledRatings(settings, pinned, theta, () =>
    weighStyleRows(buildStyleRows(counted, styles, pipelineIds), factors, pipelineIds.length),
  );

  const unranked = pipelineIds.map((pipelineId, index) => {
    const tally = tallies.get(pipelineId)!;
    const interval = { lower: intervals.lower[index]!, upper: intervals.upper[index]! };
    const decisive = tally.wins + tally.losses;
    const reasons = provisionalReasons(tally, interval, settings.minVotes);
    return {
      pipelineId,
      technique: names.get(pipelineId)?.pipelineId ?? pipelineId,
      model: names.get(pipelineId)?.model ?? null,
      version: names.get(pipelineId)?.version ?? null,
      rating: ratings[index]!,
      interval,
      liveRating: live.get(pipelineId) ?? 1000,
      ...tally,
      winRate: decisive === 0 ? null : tally.wins / decisive,
      tieRate: tally.outcomes === 0 ? null : tally.ties / tally.outcomes,
      allBadRate: tally.votes === 0 ? null : tally.allBadVotes / tally.votes,
      provisional: reasons.length > 0,
      provisionalReasons: reasons,
      byCategory: byCategory.get(pipelineId) ?? [],
      reasonTags: [...(reasonTags.get(pipelineId) ?? [])]
        .map(([tag, count]) => ({ tag, count }))
        .sort((left, right) => right.count - left.count || (left.tag < right.tag ? -1 : 1)),
      cost: costs.get(pipelineId) ?? { answers: 0, meanCostUsd: null, p50LatencyMs: null, costPerWinUsd: null },
    };
  });
  const spreads = rankSpreads(unranked.map((row) => row.interval));
  const styledIntervals = styled?.ratings.flatMap((entry) => (entry === null ? [] : [entry.interval])) ?? [];
  const styledBest = (interval: { upper: number }) =>
    1 + styledIntervals.filter((other) => other.lower > interval.upper).length;
  const rows: LeaderboardRow[] = unranked
    .map((row, index) => {
      const rankSpread = spreads[index]!;
      const style = styled?.ratings[index] ?? null;
      const styleControlled: StyleControlledRating | null =
        style === null ? null : { ...style, rank: styledBest(style.interval), rankChange: 0 };
      if (styleControlled !== null) styleControlled.rankChange = rankSpread.best - styleControlled.rank;
      return { ...row, rank: rankSpread.best, rankSpread, styleControlled, flip: null };
    })
    .sort((left, right) => right.rating - left.rating || (left.pipelineId < right.pipelineId ? -1 : 1));
  const flipContext = {
    table,
    rated: counted.filter((entry) => entry.outcomes.length > 0),
    comparisonIds,
    lambda: settings.lambda,
    weights: settings.weights,
  };
  const indexOf = new Map(pipelineIds.map((id, index) => [id, index]));
  rows.forEach((row, index) => {
    const next = rows[index + 1];
    if (next !== undefined)
      row.flip = findFlip(flipContext, indexOf.get(row.pipelineId)!, indexOf.get(next.pipelineId)!, theta);
  });

  return {
    rows,
    anchor,
    matrix: pairwiseMatrix(
      rows.map((row) => row.pipelineId),
      counted.map((entry) => entry.outcomes),
    ),
    positionBias: positionBias(counted),
    counts,
    settings,
    style: styled?.summary ?? null,
    models,
    categoryTable: categoryTable(votes, settings, anchorId),
  };
}

/**
 * Each counted vote's outcomes in the order the votes were cast; votes cast at the same moment keep the canonical
 * order. Sorted as numbers in typed arrays: sorting the vote objects took about twice as long at 150,000 votes.
 */
function* outcomesInTimeOrder(counted: readonly CountedVote[]): Generator<readonly PairOutcome[]> {
  const times = new Float64Array(counted.length);
  const order = new Uint32Array(counted.length);
  for (let index = 0; index < counted.length; index++) {
    times[index] = counted[index]!.castAtMs;
    order[index] = index;
  }
  order.sort((left, right) => times[left]! - times[right]! || left - right);
  for (const index of order) yield counted[index]!.outcomes;
}

/** 95% intervals by the chosen method; without votes (or with a 0-round bootstrap) each is the rating itself. */
function ratingIntervalsOf(
  table: RatingTable,
  theta: Float64Array,
  ratings: Float64Array,
  fit: { settings: LeaderboardSettings; sums: PairSums; factors: Float64Array | null; anchorIndex: number | null },
): Intervals {
  const { settings, anchorIndex } = fit;
  const none = { lower: Float64Array.from(ratings), upper: Float64Array.from(ratings) };
  if (table.patternOfVote.length === 0) return none;
  if (settings.intervals === 'sandwich')
    return sandwichIntervals(table, theta, {
      lambda: settings.lambda,
      anchorIndex,
      sums: fit.sums,
      factors: fit.factors,
    });
  if (settings.bootstrapRounds === 0) return none;
  return bootstrapIntervals(table, {
    rounds: settings.bootstrapRounds,
    seed: settings.seed,
    lambda: settings.lambda,
    anchorIndex,
    weights: settings.weights,
    start: theta,
  });
}

/** The anchor pipeline's row, or when it has several (versions, models), the one with the most votes. */
function anchorIndexOf(
  pipelineIds: readonly string[],
  anchorId: string,
  tallies: ReadonlyMap<string, { votes: number }>,
  names: ReadonlyMap<string, RowName>,
): number {
  let best = -1;
  pipelineIds.forEach((id, index) => {
    if ((names.get(id)?.pipelineId ?? id) !== anchorId) return;
    if (best < 0 || tallies.get(id)!.votes > tallies.get(pipelineIds[best]!)!.votes) best = index;
  });
  return best;
}

/** Style-controlled rating and interval per rating-table pipeline (null where no comparison had features). */
function styledRatings(
  settings: LeaderboardSettings,
  anchorIndex: number | null,
  theta: Float64Array,
  rowsOf: () => ReturnType<typeof buildStyleRows>,
) {
  const size = theta.length;
  if (!settings.styleControl || size === 0) return null;
  const rows = rowsOf();
  const comparisons = rows.comparisonStart.length - 1;
  if (comparisons === 0) return null;
  const present = new Uint8Array(size);
  for (const index of rows.first) present[index] = 1;
  for (const index of rows.second) present[index] = 1;
  // Pinning to an anchor that is not in the style fit would pin to nothing: centre on the mean instead.
  const anchor = anchorIndex !== null && present[anchorIndex] === 1 ? anchorIndex : null;
  const fit = styleControl(rows, size, { lambda: settings.lambda, anchorIndex: anchor, start: theta });
  const ratings = Array.from({ length: size }, (_, index) =>
    present[index] === 1
      ? { rating: fit.ratings[index]!, interval: { lower: fit.lower[index]!, upper: fit.upper[index]! } }
      : null,
  );
  const summary: StyleSummary = { coefficients: fit.coefficients, comparisons, withoutFeatures: rows.withoutFeatures };
  return { ratings, summary };
}
