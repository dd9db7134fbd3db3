// One computed state of the public leaderboard: every server's votes (as /leaderboard scope: all servers), the
// chart PNGs and their display widths, and when it was built.
import type { ComparisonStore } from '../comparisons/comparison-store.js';
import { type ChartFile, MATRIX_CHART_FILE, RATINGS_CHART_FILE, renderLeaderboardCharts } from '../render/leaderboard-charts.js';
import { buildLeaderboardFromStream } from '../stats/build-leaderboard.js';
import type { Leaderboard } from '../stats/leaderboard.js';
import { votesWithBallots } from '../votes/voted-comparisons.js';
import type { VoteLedger } from '../votes/vote-ledger.js';

export interface LeaderboardSnapshot {
  board: Leaderboard;
  charts: { ratings: Buffer | null; matrix: Buffer | null };
  /** CSS pixels: the PNGs are drawn at twice their size for sharp text on dense screens. */
  chartWidths: { ratings: number; matrix: number };
  builtAt: Date;
}

// A PNG's width is the big-endian 32-bit integer at byte 16 (its IHDR chunk); the charts render at scale 2.
const cssWidth = (png: Buffer | null) => (png === null ? 0 : Math.round(png.readUInt32BE(16) / 2));
const named = (files: ChartFile[], name: string) => files.find((file) => file.name === name)?.attachment ?? null;

export async function buildLeaderboardSnapshot(votes: VoteLedger, comparisons: ComparisonStore, now = new Date()): Promise<LeaderboardSnapshot> {
  const board = await buildLeaderboardFromStream(votesWithBallots(votes, comparisons));
  const files = await renderLeaderboardCharts(board);
  const charts = { ratings: named(files, RATINGS_CHART_FILE), matrix: named(files, MATRIX_CHART_FILE) };
  return { board, charts, chartWidths: { ratings: cssWidth(charts.ratings), matrix: cssWidth(charts.matrix) }, builtAt: now };
}
