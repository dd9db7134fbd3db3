// The /leaderboard pictures: real PNGs that decode, with the raw and style-controlled intervals drawn in
// their colours and the head-to-head cells coloured by who won.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  MATRIX_CHART_FILE,
  RATINGS_CHART_FILE,
  renderLeaderboardCharts,
} from '../../src/render/charts/leaderboard-charts.ts';
import { buildLeaderboard } from '../../src/ratings/build-leaderboard.ts';
import { aBallot, aVote, pick } from '../fixtures/vote-builders.ts';

function board(count: number) {
  const pipelines = ['plain', 'cot', 'rules'];
  const comparisons = [];
  const votes = [];
  for (let index = 0; index < count; index += 1) {
    const order = pipelines.map((_, slot) => pipelines[(slot + index) % pipelines.length]!);
    comparisons.push(aBallot({ id: `r${index}`, pipelines: order }));
    const winner = index % 3 === 0 ? 'plain' : 'cot';
    votes.push(aVote(`r${index}`, pick(order.indexOf(winner)), { voterHash: `voter-${index % 7}` }));
  }
  return buildLeaderboard(votes, comparisons, { bootstrapRounds: 50 });
}

/** How many pixels are exactly this colour (antialiasing blurs edges, the inside of a line or cell stays exact). */
function pixelsOf(png: PNG, hex: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  let count = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    if (png.data[offset] === red && png.data[offset + 1] === green && png.data[offset + 2] === blue) count += 1;
  }
  return count;
}

const nonWhite = (png: PNG) => png.width * png.height - pixelsOf(png, '#ffffff');

describe('leaderboard charts', () => {
  it('draws the ratings with raw and style-controlled intervals in their own colours', async () => {
    const files = await renderLeaderboardCharts(board(30));
    expect(files.map((file) => file.name)).toEqual([RATINGS_CHART_FILE, MATRIX_CHART_FILE]);
    const ratings = PNG.sync.read(files[0]!.attachment);
    expect(ratings.width).toBeGreaterThan(400);
    expect(nonWhite(ratings)).toBeGreaterThan(ratings.width * ratings.height * 0.01);
    expect(pixelsOf(ratings, '#1f77b4')).toBeGreaterThan(50);
    expect(pixelsOf(ratings, '#ff7f0e')).toBeGreaterThan(50);
  });

  it('colours the head-to-head cells, winners blue and losers red', async () => {
    const matrix = PNG.sync.read((await renderLeaderboardCharts(board(30)))[1]!.attachment);
    let blue = 0;
    let red = 0;
    for (let offset = 0; offset < matrix.data.length; offset += 4) {
      const [r, g, b] = [matrix.data[offset]!, matrix.data[offset + 1]!, matrix.data[offset + 2]!];
      if (b > r + 60 && b > g) blue += 1;
      if (r > b + 60 && r > g + 40) red += 1;
    }
    expect(blue).toBeGreaterThan(500);
    expect(red).toBeGreaterThan(500);
  });

  it('draws rating against cost beside the ratings when prices are known', async () => {
    const unpriced = board(30);
    const priced = structuredClone(unpriced);
    priced.rows.forEach((row, index) => {
      row.cost = { answers: 30, meanCostUsd: 0.001 * (index + 1), p50LatencyMs: 1000, costPerWinUsd: 0.002 };
    });
    const plainWidth = PNG.sync.read((await renderLeaderboardCharts(unpriced))[0]!.attachment).width;
    const withCost = PNG.sync.read((await renderLeaderboardCharts(priced))[0]!.attachment);
    expect(withCost.width).toBeGreaterThan(plainWidth + 300);
    expect(pixelsOf(withCost, '#1f77b4')).toBeGreaterThan(
      pixelsOf(PNG.sync.read((await renderLeaderboardCharts(unpriced))[0]!.attachment), '#1f77b4'),
    );
  });

  it('draws nothing for an empty board', async () => {
    expect(await renderLeaderboardCharts(buildLeaderboard([], []))).toEqual([]);
  });
});
