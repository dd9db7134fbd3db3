// The head-to-head matrix of /leaderboard: the share of decisive battles the row pipeline won against the
// column pipeline (ties excluded, as FastChat shows it). Numbered columns keep it narrow enough for an embed.
import type { PairwiseMatrix } from '../../../ratings/pairwise-matrix.ts';
import { percent, shortId, TABLE_ID_WIDTH } from './leaderboard-table.ts';

/** More columns than this no longer fit an embed's width on a phone; the JSON attachment has the whole matrix. */
export const MATRIX_MAX_PIPELINES = 8;

export function pairwiseTableLines(
  matrix: PairwiseMatrix,
  idWidth = TABLE_ID_WIDTH,
): { lines: string[]; omitted: number } {
  const shown = Math.min(matrix.pipelineIds.length, MATRIX_MAX_PIPELINES);
  const labelWidth = idWidth + 3;
  const cell = (text: string) => text.padStart(5);
  const header =
    ' '.repeat(labelWidth) + Array.from({ length: shown }, (_, column) => cell(String(column + 1))).join('');
  const lines = matrix.pipelineIds.slice(0, shown).map((id, row) => {
    const label = `${String(row + 1).padStart(2)} ${shortId(id, idWidth)}`.padEnd(labelWidth);
    const cells = Array.from({ length: shown }, (_, column) => {
      if (column === row) return cell('·');
      const fraction = matrix.winFraction[row]?.[column] ?? null;
      return cell(fraction === null ? '–' : percent(fraction));
    });
    return (label + cells.join('')).trimEnd();
  });
  return { lines: [header.trimEnd(), ...lines], omitted: matrix.pipelineIds.length - shown };
}
