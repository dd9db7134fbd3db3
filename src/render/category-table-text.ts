// The technique x category table in words, shared by Discord and the public page: per technique, its rating
// difference from the baseline in each prompt category with the 95% interval ("cot vs plain: maths +85 [+40, +130]"),
// and the categories where it met the baseline too rarely to say, with how often it did.
import type { CategoryCell, CategoryTable } from '../ratings/category-table.ts';

const signed = (value: number): string => {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0';
};

/** Worth showing beside the board: with a single category the table only repeats the board. */
export const showsCategories = (table: CategoryTable | null): table is CategoryTable =>
  table !== null && table.rows.length > 0 && table.categories.length > 1;

/** "+85 [+40, +130]"; null for a cell with too few votes. */
export function deltaText(cell: CategoryCell): string | null {
  if (cell.delta === null || cell.interval === null) return null;
  return `${signed(cell.delta)} [${signed(cell.interval.lower)}, ${signed(cell.interval.upper)}]`;
}

/** Whether the interval leaves out 0: the technique does measurably better (or worse) than the baseline there. */
export const clearOfZero = (cell: CategoryCell): boolean =>
  cell.interval !== null && (cell.interval.lower > 0 || cell.interval.upper < 0);

/** One line per technique: the fitted cells, then the thin ones. `bold` marks the cells clear of zero. */
export function categoryTableLines(table: CategoryTable, bold: (text: string) => string = (text) => text): string[] {
  return table.rows.map((row) => {
    const fitted = row.cells.flatMap((cell) => {
      const text = deltaText(cell);
      return text === null ? [] : [`${cell.category} ${clearOfZero(cell) ? bold(text) : text}`];
    });
    const thin = row.cells.filter((cell) => cell.delta === null).map((cell) => `${cell.category} ${cell.votes}`);
    const parts = [
      ...fitted,
      ...(thin.length === 0
        ? []
        : [`too few votes (under ${table.minVotes}) against ${table.baseline}: ${thin.join(', ')}`]),
    ];
    return `${row.technique} vs ${table.baseline}: ${parts.join(' · ')}`;
  });
}

export const CATEGORY_TABLE_NOTE =
  'Rating difference from the baseline within each prompt category, fitted on that category’s votes alone, with its 95% sandwich interval; bold where the interval leaves out 0.';
