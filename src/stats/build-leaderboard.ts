// Entry point: votes and their comparisons in, the whole leaderboard out as plain data. Deterministic:
// votes are put in a canonical order before anything order-sensitive (bootstrap draws, online Elo).
import type { VoteRecord } from '../votes/vote.js';
import { bootstrapIntervals, type Intervals } from './bootstrap-intervals.js';
import { fitBradleyTerry } from './fit-bradley-terry.js';
import type { Leaderboard, LeaderboardRow, LeaderboardSettings } from './leaderboard.js';
import { onlineElo } from './online-elo.js';
import { pairwiseMatrix } from './pairwise-matrix.js';
import { pipelineTallies } from './pipeline-tallies.js';
import { positionBias } from './position-bias.js';
import { provisionalReasons } from './provisional-reasons.js';
import { buildRatingTable, fullPatternCounts, pairSumsOf } from './rating-table.js';
import { selectCountedVotes } from './select-counted-votes.js';
import { compareVoteTime } from './sort-votes.js';
import { toComparisonMap, type ComparisonSource } from './to-comparison-map.js';
import { toEloRatings } from './to-elo-ratings.js';

export interface LeaderboardOptions {
  /** Drop tie and all-bad votes from the ratings (FastChat's --exclude-ties). Default false. */
  excludeTies?: boolean;
  /** Count votes cast after the voter revealed the pipelines. Default false. */
  includeAfterReveal?: boolean;
  /** Mark pipelines with fewer counted votes as provisional. Default 0. */
  minVotes?: number;
  /** Bootstrap rounds for the intervals. Default 1000. */
  bootstrapRounds?: number;
  /** Seed of the bootstrap's random draws. Default 42 (FastChat's). */
  seed?: number;
  /** Pipeline pinned at 1000 when present. Default 'plain'. */
  anchor?: string;
  /** L2 penalty on θ. Default 0.01. */
  lambda?: number;
}

export function buildLeaderboard(
  votes: readonly VoteRecord[],
  comparisons: ComparisonSource,
  options: LeaderboardOptions = {},
): Leaderboard {
  const settings: LeaderboardSettings = {
    excludeTies: options.excludeTies ?? false,
    includeAfterReveal: options.includeAfterReveal ?? false,
    minVotes: options.minVotes ?? 0,
    bootstrapRounds: options.bootstrapRounds ?? 1000,
    seed: options.seed ?? 42,
    lambda: options.lambda ?? 0.01,
  };
  const { counted, counts } = selectCountedVotes(votes, toComparisonMap(comparisons), settings);
  const table = buildRatingTable(counted);
  const { pipelineIds } = table;
  const anchorIndex = pipelineIds.indexOf(options.anchor ?? 'plain');
  const anchor = anchorIndex >= 0 ? pipelineIds[anchorIndex]! : null;
  const pinned = anchorIndex >= 0 ? anchorIndex : null;

  const theta = fitBradleyTerry(pairSumsOf(table, fullPatternCounts(table)), { lambda: settings.lambda });
  const ratings = toEloRatings(theta, pinned);
  const intervals: Intervals =
    settings.bootstrapRounds > 0 && table.patternOfVote.length > 0
      ? bootstrapIntervals(table, { rounds: settings.bootstrapRounds, seed: settings.seed, lambda: settings.lambda, anchorIndex: pinned, start: theta })
      : { lower: Float64Array.from(ratings), upper: Float64Array.from(ratings) };

  const inTimeOrder = [...counted].sort((left, right) => compareVoteTime(left.vote, right.vote));
  const live = onlineElo(inTimeOrder.map((entry) => entry.outcomes));
  const tallies = pipelineTallies(counted);

  const unranked = pipelineIds.map((pipelineId, index) => {
    const tally = tallies.get(pipelineId)!;
    const interval = { lower: intervals.lower[index]!, upper: intervals.upper[index]! };
    const decisive = tally.wins + tally.losses;
    const reasons = provisionalReasons(tally, interval, settings.minVotes);
    return {
      pipelineId,
      rating: ratings[index]!,
      interval,
      liveRating: live.get(pipelineId) ?? 1000,
      ...tally,
      winRate: decisive === 0 ? null : tally.wins / decisive,
      tieRate: tally.outcomes === 0 ? null : tally.ties / tally.outcomes,
      allBadRate: tally.votes === 0 ? null : tally.allBadVotes / tally.votes,
      provisional: reasons.length > 0,
      provisionalReasons: reasons,
    };
  });
  const rows: LeaderboardRow[] = unranked
    .map((row) => ({ ...row, rank: 1 + unranked.filter((other) => other.interval.lower > row.interval.upper).length }))
    .sort((left, right) => right.rating - left.rating || (left.pipelineId < right.pipelineId ? -1 : 1));

  return {
    rows,
    anchor,
    matrix: pairwiseMatrix(rows.map((row) => row.pipelineId), counted.map((entry) => entry.outcomes)),
    positionBias: positionBias(counted.map(({ vote, comparison }) => ({ choice: vote.choice, comparison }))),
    counts,
    settings,
  };
}
