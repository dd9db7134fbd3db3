// The ranked table of /leaderboard as monospaced lines (rank spread, pipeline, rating, 95% CI, evidence, rates,
// cost per answer and per win, median latency, votes that would flip the row, provisional marks), and the legend of the marks that occur. Pure text; the caller fences and fits it.
import type { LeaderboardRow, ProvisionalReason } from '../../../ratings/leaderboard.ts';
import type { Flip } from '../../../ratings/fit/vote-robustness.ts';
import { PROVISIONAL_LIMITS } from '../../../ratings/provisional-reasons.ts';
import { rankSpreadText } from '../../../ratings/rank-spread.ts';

/** Pipeline ids longer than this are cut in the tables (the JSON attachment has them whole). */
export const TABLE_ID_WIDTH = 14;
/** Rows by model are named `technique · model`, which needs room for both. */
export const CELL_ID_WIDTH = 26;

export const tableIdWidth = (byModel: boolean): number => (byModel ? CELL_ID_WIDTH : TABLE_ID_WIDTH);

const MARKS: Record<ProvisionalReason, string> = {
  'few-outcomes': 'o',
  'few-comparisons': 'c',
  'few-voters': 'v',
  'wide-interval': 'w',
  'below-min-votes': 'm',
  'no-losses': 'L',
  'no-wins': 'W',
};

/** Cut in the middle: generated ids often differ only at the end (`best-of-4`, `best-of-8`). */
export function shortId(id: string, width = TABLE_ID_WIDTH): string {
  if (id.length <= width) return id;
  const tail = Math.floor((width - 1) / 2);
  return `${id.slice(0, width - 1 - tail)}…${id.slice(-tail)}`;
}
export const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

function intervalText(row: LeaderboardRow, anchor: string | null): string {
  if (row.pipelineId === anchor) return 'anchor';
  return `${Math.round(row.interval.lower)}–${Math.round(row.interval.upper)}`;
}

function styledText(row: LeaderboardRow): [string, string] {
  const styled = row.styleControlled;
  if (styled === null) return ['–', ''];
  return [
    String(Math.round(styled.rating)),
    styled.rankChange === 0 ? '=' : `${styled.rankChange > 0 ? '+' : '−'}${Math.abs(styled.rankChange)}`,
  ];
}

/** "3 (0.4%)": the fewest votes found whose removal swaps the row with the next; ">18" when none within the search; – on the last row. */
export function flipText(flip: Flip | null): string {
  if (flip === null) return '–';
  if (flip.votes === null || flip.share === null) return `>${flip.searchedUpTo}`;
  const share = flip.share * 100;
  return `${flip.votes} (${share < 0.1 ? '<0.1' : share.toFixed(1)}%)`;
}

/** "$0.0012", "$1.20", or – when no price is known; sums under a dollar keep two significant digits. */
export function usdText(usd: number | null): string {
  if (usd === null) return '–';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd < 0.00001) return usd === 0 ? '$0' : '<$0.00001';
  return `$${Number(usd.toPrecision(2))}`;
}

/** "1.2s", "850ms", or –. */
export function latencyText(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms)}ms`;
}

/** Prices are often unknown (a local model server): then the cost columns are left out (the page and leaderboard.json keep latency). */
const priced = (rows: readonly LeaderboardRow[]) => rows.some((row) => row.cost.meanCostUsd !== null);

function columns(cells: string[], idWidth: number, withCost: boolean): string {
  const widths = [5, idWidth, 6, 11, 6, 3, 6, ...(withCost ? [7, 7, 5] : []), 5, 5, 5, 10];
  const aligned = cells
    .slice(0, widths.length)
    .map((cell, index) => (index === 1 || index === 3 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)));
  return [...aligned, ...cells.slice(widths.length)].join(' ').trimEnd();
}

export function ratingTableLines(
  rows: readonly LeaderboardRow[],
  anchor: string | null,
  idWidth = TABLE_ID_WIDTH,
): { header: string; lines: string[] } {
  const withCost = priced(rows);
  const header = columns(
    [
      '#',
      'pipeline',
      'rating',
      '95% CI',
      'styled',
      'Δ',
      'votes',
      ...(withCost ? ['$/ans', '$/win', 'p50'] : []),
      'win',
      'tie',
      'bad',
      'flips',
      ' prov.',
    ],
    idWidth,
    withCost,
  );
  const lines = rows.map((row) =>
    columns(
      [
        rankSpreadText(row.rankSpread),
        shortId(row.pipelineId, idWidth),
        String(Math.round(row.rating)),
        intervalText(row, anchor),
        ...styledText(row),
        String(row.votes),
        ...(withCost
          ? [usdText(row.cost.meanCostUsd), usdText(row.cost.costPerWinUsd), latencyText(row.cost.p50LatencyMs)]
          : []),
        percent(row.winRate),
        percent(row.tieRate),
        percent(row.allBadRate),
        flipText(row.flip),
        ` ${row.provisionalReasons.map((reason) => MARKS[reason]).join('')}`,
      ],
      idWidth,
      withCost,
    ),
  );
  return { header, lines };
}

/** What the columns and the marks that occur mean; marks that do not occur are not explained. */
export function ratingLegend(rows: readonly LeaderboardRow[], minVotes: number): string {
  const limits = PROVISIONAL_LIMITS;
  const meaning: Record<ProvisionalReason, string> = {
    'few-outcomes': `fewer than ${limits.outcomes} pairwise outcomes`,
    'few-comparisons': `fewer than ${limits.comparisons} comparisons`,
    'few-voters': `fewer than ${limits.voters} voters`,
    'wide-interval': `95% CI wider than ±${limits.halfWidth}`,
    'below-min-votes': `fewer than ${minVotes} votes (min-votes)`,
    'no-losses': 'never lost: the rating is set by the penalty, not by votes',
    'no-wins': 'never won: the rating is set by the penalty, not by votes',
  };
  const present = new Set(rows.flatMap((row) => row.provisionalReasons));
  const marks = (Object.keys(MARKS) as ProvisionalReason[])
    .filter((reason) => present.has(reason))
    .map((reason) => `${MARKS[reason]} ${meaning[reason]}`);
  const columnsLine =
    '-# # = ranks the CIs allow · styled = rating with length and markdown held equal (Δ = ranks gained) · win = share of decisive outcomes won · tie = share of outcomes tied · bad = share of its votes calling every answer bad' +
    (priced(rows)
      ? '\n-# $/ans = mean cost of one answer, all calls · $/win = its answers’ cost per vote that picked it · p50 = median time to answer'
      : '') +
    '\n-# flips = fewest votes found whose removal puts the row below the next (refitted; listed in leaderboard.json) · >k = none within k';
  return marks.length === 0
    ? columnsLine
    : `${columnsLine}\n-# prov. = provisional, too little evidence yet: ${marks.join(' · ')}`;
}
