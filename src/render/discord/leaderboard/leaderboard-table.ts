// The ranked table of /leaderboard as monospaced lines (rank, pipeline, rating, 95% CI, evidence, rates,
// provisional marks), and the legend of the marks that occur. Pure text; the caller fences and fits it.
import type { LeaderboardRow, ProvisionalReason } from '../../../ratings/leaderboard.js';
import { PROVISIONAL_LIMITS } from '../../../ratings/provisional-reasons.js';

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
  return [String(Math.round(styled.rating)), styled.rankChange === 0 ? '=' : `${styled.rankChange > 0 ? '+' : '−'}${Math.abs(styled.rankChange)}`];
}

function columns(cells: string[], idWidth: number): string {
  const widths = [3, idWidth, 6, 11, 6, 3, 6, 5, 5, 5];
  const aligned = cells.slice(0, widths.length).map((cell, index) => (index === 1 || index === 3 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)));
  return [...aligned, ...cells.slice(widths.length)].join(' ').trimEnd();
}

export function ratingTableLines(rows: readonly LeaderboardRow[], anchor: string | null, idWidth = TABLE_ID_WIDTH): { header: string; lines: string[] } {
  const header = columns(['#', 'pipeline', 'rating', '95% CI', 'styled', 'Δ', 'votes', 'win', 'tie', 'bad', ' prov.'], idWidth);
  const lines = rows.map((row) =>
    columns([
      String(row.rank),
      shortId(row.pipelineId, idWidth),
      String(Math.round(row.rating)),
      intervalText(row, anchor),
      ...styledText(row),
      String(row.votes),
      percent(row.winRate),
      percent(row.tieRate),
      percent(row.allBadRate),
      ` ${row.provisionalReasons.map((reason) => MARKS[reason]).join('')}`,
    ], idWidth),
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
  const marks = (Object.keys(MARKS) as ProvisionalReason[]).filter((reason) => present.has(reason)).map((reason) => `${MARKS[reason]} ${meaning[reason]}`);
  const columnsLine = '-# styled = rating with length and markdown held equal (Δ = ranks gained) · win = share of decisive outcomes won · tie = share of outcomes tied · bad = share of its votes calling every answer bad';
  return marks.length === 0 ? columnsLine : `${columnsLine}\n-# prov. = provisional, too little evidence yet: ${marks.join(' · ')}`;
}
