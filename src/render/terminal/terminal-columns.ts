// Pure text layout of a comparison for a terminal: answers side by side when the terminal is wide
// enough, stacked otherwise, each headed by its pipeline and figures.
import type { PipelineResult } from '../../engine/trace.ts';
import { formatTotals } from '../format-totals.ts';

const GAP = ' │ ';
const MIN_COLUMN = 28;

export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (let rest = word; rest.length > 0;) {
        const room = line ? width - line.length - 1 : width;
        if (rest.length <= room) {
          line = line ? `${line} ${rest}` : rest;
          rest = '';
        } else if (line) {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, width)); // a word longer than the column is cut, not lost
          rest = rest.slice(width);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

function block(result: PipelineResult, name: string, width: number): string[] {
  const status = result.status === 'ok' ? '✓' : '✗';
  const header = [`${status} ${result.label} (${name})`, formatTotals(result.totals), '─'.repeat(width)];
  const body =
    result.status === 'ok' ? (result.answer ?? '') : `${result.status}: ${result.failure?.message ?? 'no answer'}`;
  return [...header.flatMap((line) => wrapText(line, width)), ...wrapText(body, width)];
}

/** `names` head each result (its pipeline, with its model in a crossed comparison); by default the pipeline id. */
export function renderColumns(
  results: PipelineResult[],
  terminalWidth: number,
  names: readonly string[] = results.map((result) => result.pipelineId),
): string {
  const count = results.length;
  const columnWidth = Math.floor((terminalWidth - GAP.length * (count - 1)) / count);
  if (count === 0) return '';
  if (columnWidth < MIN_COLUMN) {
    const width = Math.max(20, terminalWidth);
    return results
      .map((result, index) => block(result, names[index] ?? result.pipelineId, width).join('\n'))
      .join('\n\n');
  }
  const blocks = results.map((result, index) => block(result, names[index] ?? result.pipelineId, columnWidth));
  const height = Math.max(...blocks.map((lines) => lines.length));
  const rows: string[] = [];
  for (let row = 0; row < height; row++) {
    rows.push(
      blocks
        .map((lines) => (lines[row] ?? '').padEnd(columnWidth))
        .join(GAP)
        .trimEnd(),
    );
  }
  return rows.join('\n');
}
