// The leaderboard as pictures: ratings with 95% intervals, raw and style-controlled side by side, beside them
// rating against the mean cost of an answer (the Pareto front joined), and the head-to-head win matrix as a heat map. Specs are pure data; renderLeaderboardCharts rasterises them to PNG
// for the /leaderboard reply and the public page.
import { type ChartSpec, renderChart } from './render-chart.ts';
import type { Leaderboard, LeaderboardRow } from '../../ratings/leaderboard.ts';
import { rankSpreadText } from '../../ratings/rank-spread.ts';
import { plural } from '../../base/plural.ts';

export const RATINGS_CHART_FILE = 'leaderboard-ratings.png';
export const MATRIX_CHART_FILE = 'leaderboard-head-to-head.png';

// Beyond these the labels overlap and the picture stops helping; leaderboard.json has every row.
export const RATINGS_CHART_ROWS = 30;
export const MATRIX_CHART_PIPELINES = 15;

const RAW = 'raw';
const STYLE = 'style-controlled';

const cutNote = (shown: number, total: number, noun: string) =>
  shown < total ? ` · top ${shown} of ${plural(total, noun)}` : '';

/** A row's label on the chart: its name and the ranks its interval allows. */
export const chartLabel = (row: LeaderboardRow): string => `${row.pipelineId}  #${rankSpreadText(row.rankSpread)}`;

/** The ratings panel, and beside it the cost panel when any answer had a known price. */
export function ratingsChart(board: Leaderboard): ChartSpec {
  const ratings = ratingsPanel(board);
  const cost = costPanel(board);
  return (cost === null ? ratings : { hconcat: [ratings, cost], spacing: 36 }) as ChartSpec;
}

/** Rows no other row beats on both counts: one at most as costly and rated higher, or cheaper and rated as high. */
export function paretoFront(rows: ReadonlyArray<{ rating: number; cost: number }>): boolean[] {
  return rows.map(
    (row) =>
      !rows.some(
        (other) =>
          other !== row &&
          other.cost <= row.cost &&
          other.rating >= row.rating &&
          (other.cost < row.cost || other.rating > row.rating),
      ),
  );
}

function costPanel(board: Leaderboard) {
  const rows = board.rows
    .slice(0, RATINGS_CHART_ROWS)
    .flatMap((row) =>
      row.cost.meanCostUsd === null || row.cost.meanCostUsd <= 0 ? [] : [{ row, cost: row.cost.meanCostUsd }],
    );
  if (rows.length === 0) return null;
  const front = paretoFront(rows.map(({ row, cost }) => ({ rating: row.rating, cost })));
  const values = rows.map(({ row, cost }, index) => ({
    pipeline: row.pipelineId,
    cost,
    rating: row.rating,
    low: row.interval.lower,
    high: row.interval.upper,
    front: front[index]!,
    provisional: row.provisional,
  }));
  const x = {
    field: 'cost',
    type: 'quantitative',
    title: 'mean cost of one answer (USD, log scale)',
    scale: { type: 'log' },
    axis: { format: '$.2~g' },
  } as const;
  const y = { field: 'rating', type: 'quantitative', title: 'rating (Elo scale)', scale: { zero: false } } as const;
  return {
    title: {
      text: 'Rating against cost',
      subtitle: 'joined: the Pareto front (nothing both cheaper and better) · bars: 95% intervals',
    },
    width: 360,
    height: 300,
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.front' }],
        mark: { type: 'line', color: '#2ca02c', strokeDash: [4, 3] },
        encoding: { x, y, order: { field: 'cost', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', color: '#1f77b4', strokeWidth: 2 },
        encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
      },
      {
        mark: { type: 'point', size: 70, strokeWidth: 2, color: '#1f77b4' },
        encoding: { x, y, fill: { condition: { test: 'datum.provisional', value: 'white' }, value: '#1f77b4' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 11 },
        encoding: { x, y, text: { field: 'pipeline', type: 'nominal' } },
      },
    ],
  };
}

function ratingsPanel(board: Leaderboard) {
  const rows = board.rows.slice(0, RATINGS_CHART_ROWS);
  const values = rows.flatMap((row) => [
    {
      pipeline: chartLabel(row),
      fit: RAW,
      rating: row.rating,
      low: row.interval.lower,
      high: row.interval.upper,
      provisional: row.provisional,
    },
    ...(row.styleControlled === null
      ? []
      : [
          {
            pipeline: chartLabel(row),
            fit: STYLE,
            rating: row.styleControlled.rating,
            low: row.styleControlled.interval.lower,
            high: row.styleControlled.interval.upper,
            provisional: row.provisional,
          },
        ]),
  ]);
  const y = { field: 'pipeline', type: 'nominal', title: null, sort: rows.map(chartLabel) } as const;
  const x = { field: 'rating', type: 'quantitative', title: 'rating (Elo scale)', scale: { zero: false } } as const;
  const fitScale = { domain: [RAW, STYLE], range: ['#1f77b4', '#ff7f0e'] };
  const color = {
    field: 'fit',
    type: 'nominal' as const,
    title: null,
    scale: fitScale,
    legend: { orient: 'bottom' as const },
  };
  const yOffset = { field: 'fit', type: 'nominal' as const, scale: { domain: [RAW, STYLE], paddingInner: 0.3 } };
  return {
    title: {
      text: 'Ratings with 95% intervals',
      subtitle: `raw and with answer style held equal · #ranks the raw intervals allow · hollow = provisional${cutNote(rows.length, board.rows.length, 'pipeline')}`,
    },
    width: 460,
    height: { step: 26 },
    data: { values },
    encoding: { y, yOffset, color },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
      {
        mark: { type: 'point', size: 70, strokeWidth: 2 },
        encoding: {
          x,
          fill: {
            condition: { test: 'datum.provisional', value: 'white' },
            field: 'fit',
            type: 'nominal',
            scale: fitScale,
          },
        },
      },
    ],
  };
}

export function headToHeadChart(board: Leaderboard): ChartSpec {
  const { pipelineIds, winFraction, battles } = board.matrix;
  const shown = pipelineIds.slice(0, MATRIX_CHART_PIPELINES);
  const values = shown.flatMap((row, rowIndex) =>
    shown.flatMap((column, columnIndex) => {
      const won = winFraction[rowIndex]?.[columnIndex] ?? null;
      return rowIndex === columnIndex || won === null
        ? []
        : [{ row, column, won, battles: battles[rowIndex]?.[columnIndex] ?? 0 }];
    }),
  );
  const x = { field: 'column', type: 'nominal', title: 'against', sort: shown, axis: { labelAngle: -40 } } as const;
  const y = { field: 'row', type: 'nominal', title: null, sort: shown } as const;
  return {
    title: {
      text: 'Head-to-head: share of decisive battles the row won',
      subtitle: `ties left out; empty = no battles yet${cutNote(shown.length, pipelineIds.length, 'pipeline')}`,
    },
    width: { step: 48 },
    height: { step: 32 },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'won',
            type: 'quantitative',
            title: 'won',
            scale: { domain: [0, 1], scheme: 'redblue', domainMid: 0.5 },
            legend: { format: '%' },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: { text: { field: 'won', type: 'quantitative', format: '.0%' } },
      },
    ],
  };
}

export interface ChartFile {
  name: string;
  attachment: Buffer;
}

export async function renderLeaderboardCharts(board: Leaderboard): Promise<ChartFile[]> {
  if (board.rows.length === 0) return [];
  const [ratings, matrix] = await Promise.all([renderChart(ratingsChart(board)), renderChart(headToHeadChart(board))]);
  return [
    { name: RATINGS_CHART_FILE, attachment: ratings.png },
    { name: MATRIX_CHART_FILE, attachment: matrix.png },
  ];
}
