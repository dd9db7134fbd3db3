// The leaderboard as plain data: ratings with intervals and ranks, the evidence behind them, head-to-head
// figures and the position-bias check. Renderers (Discord, terminal) format it; nothing here formats.
import type { PairwiseMatrix } from './pairwise-matrix.js';
import type { PositionBias } from './position-bias.js';
import type { PipelineTally } from './pipeline-tallies.js';
import type { VoteCounts } from './select-counted-votes.js';
import type { StyleCoefficient } from './style-control.js';
import type { VersionMode } from './version-labels.js';

export type ProvisionalReason =
  | 'few-outcomes'
  | 'few-comparisons'
  | 'few-voters'
  | 'wide-interval'
  | 'below-min-votes'
  | 'no-losses'
  | 'no-wins';

export interface LeaderboardRow extends PipelineTally {
  pipelineId: string;
  /** Bradley-Terry rating on the Elo scale. */
  rating: number;
  /** Bootstrap 95 % interval. The anchor's is [1000, 1000] by construction: others are measured against it. */
  interval: { lower: number; upper: number };
  /** 1 + the number of pipelines whose lower bound is above this one's upper bound; equal ranks are possible. */
  rank: number;
  /** Online Elo in vote order: a live figure, never used for ranking. */
  liveRating: number;
  /** wins / (wins + losses); null without decisive outcomes. */
  winRate: number | null;
  /** ties / outcomes; null without outcomes. */
  tieRate: number | null;
  /** allBadVotes / votes; null without votes. */
  allBadRate: number | null;
  provisional: boolean;
  provisionalReasons: ProvisionalReason[];
  /** Reason tags ("Why?") given with votes that picked this pipeline, most frequent first (ties by tag). */
  reasonTags: { tag: string; count: number }[];
  /** The rating with answer style held equal (style control); null when off or no comparison of it has style features. */
  styleControlled: StyleControlledRating | null;
}

export interface StyleControlledRating {
  rating: number;
  interval: { lower: number; upper: number };
  /** Ranked like the raw ratings, among the style-controlled ones. */
  rank: number;
  /** Raw rank − style-controlled rank: positive when holding style equal moves the pipeline up. */
  rankChange: number;
}

/** What the style-control fit found about style itself. */
export interface StyleSummary {
  coefficients: StyleCoefficient[];
  /** Comparisons in the style-controlled fit. */
  comparisons: number;
  /** Comparisons left out of it because a ballot had no style features (stored before features existed). */
  withoutFeatures: number;
}

export interface LeaderboardSettings {
  excludeTies: boolean;
  includeAfterReveal: boolean;
  includeLeaked: boolean;
  includeOverCap: boolean;
  minVotes: number;
  bootstrapRounds: number;
  seed: number;
  lambda: number;
  styleControl: boolean;
  versions: VersionMode;
  matchedOnly: boolean;
}

export interface Leaderboard {
  /** Best rating first (ties by pipeline id). */
  rows: LeaderboardRow[];
  /** The pipeline pinned at 1000, or null when ratings are centred on a mean of 1000. */
  anchor: string | null;
  matrix: PairwiseMatrix;
  positionBias: PositionBias[];
  counts: VoteCounts;
  settings: LeaderboardSettings;
  /** null when style control is off or nothing could be fitted. */
  style: StyleSummary | null;
}
