// One computed state of the public leaderboard: the votes of every server whose admins turned publication on
// (/config publish), never direct messages; the chart PNGs and their display widths, and when the board was counted.
import type { Leaderboards } from '../boards/leaderboard-service.ts';
import type { LeaderboardRequest } from '../boards/stored-leaderboards.ts';
import {
  type ChartFile,
  MATRIX_CHART_FILE,
  RATINGS_CHART_FILE,
  renderLeaderboardCharts,
} from '../render/charts/leaderboard-charts.ts';
import type { Leaderboard } from '../ratings/leaderboard.ts';

export interface LeaderboardSnapshot {
  board: Leaderboard;
  charts: { ratings: Buffer | null; matrix: Buffer | null };
  /** CSS pixels: the PNGs are drawn at twice their size for sharp text on dense screens. */
  chartWidths: { ratings: number; matrix: number };
  builtAt: Date;
  /** The prompt categories the page links to (each ranks within one); empty when categories are off. */
  categories?: readonly string[];
}

// A PNG's width is the big-endian 32-bit integer at byte 16 (its IHDR chunk); the charts render at scale 2.
const cssWidth = (png: Buffer | null) => (png === null ? 0 : Math.round(png.readUInt32BE(16) / 2));
const named = (files: ChartFile[], name: string) => files.find((file) => file.name === name)?.attachment ?? null;

/** The public page's board; its counts also write the public dataset (leaderboard-service.ts). */
export const PUBLISHED_BOARD: LeaderboardRequest = { guildId: null, published: true, options: {} };

/** The published board within one prompt category (`?category=` on the page and leaderboard.json). */
export const publishedBoardIn = (category: string | null): LeaderboardRequest =>
  category === null ? PUBLISHED_BOARD : { ...PUBLISHED_BOARD, options: { category } };

/**
 * The stored board, as current as the background recount keeps it (a page load never waits for a recount).
 * `categories` are the catalog's, for the page's links to each category's board.
 */
export async function buildLeaderboardSnapshot(
  leaderboards: Leaderboards,
  category: string | null = null,
  categories: readonly string[] = [],
): Promise<LeaderboardSnapshot> {
  const { board, computedAt } = await leaderboards.get(publishedBoardIn(category));
  const files = await renderLeaderboardCharts(board);
  const charts = { ratings: named(files, RATINGS_CHART_FILE), matrix: named(files, MATRIX_CHART_FILE) };
  return {
    board,
    charts,
    chartWidths: { ratings: cssWidth(charts.ratings), matrix: cssWidth(charts.matrix) },
    builtAt: computedAt,
    categories,
  };
}
