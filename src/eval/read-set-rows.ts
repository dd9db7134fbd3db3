// Reads an evaluation set's file (CSV as XSTest publishes it, or JSONL) into rows, each with where it stands
// for error messages, and hashes its bytes, so a result file says exactly which set it measured. Suites turn
// the rows into their items with parseRows.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { formatIssues } from '../base/format-issue.js';
import { UserError } from '../base/user-error.js';

export interface SetRow {
  /** "row 3" (CSV) or "line 3" (JSONL). */
  where: string;
  row: unknown;
}

export interface SetFile {
  path: string;
  sha256: string;
  rows: SetRow[];
}

function rowsOf(path: string, text: string): SetRow[] {
  if (path.toLowerCase().endsWith('.csv')) {
    try {
      const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown[];
      // Row 1 is the header, so data row i sits on line i + 1 (for rows without embedded newlines).
      return rows.map((row, index) => ({ where: `row ${index + 1}`, row }));
    } catch (error) {
      throw new UserError('invalid-eval-set', `${path}: not a readable CSV file (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  return text.split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    try {
      return [{ where: `line ${index + 1}`, row: JSON.parse(line) as unknown }];
    } catch {
      throw new UserError('invalid-eval-set', `${path}: line ${index + 1}: not valid JSON.`);
    }
  });
}

export function parseRows<T>(path: string, rows: SetRow[], schema: z.ZodType<T>): T[] {
  return rows.map(({ where, row }) => {
    const result = schema.safeParse(row);
    if (result.success) return result.data;
    throw new UserError('invalid-eval-set', `${formatIssues(`${path}: ${where}`, result.error, row).join('\n')}`);
  });
}

export function checkUniqueIds(path: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new UserError('invalid-eval-set', `${path}: the id "${id}" appears more than once.`);
    seen.add(id);
  }
}

export async function readSetFile(path: string): Promise<SetFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UserError('invalid-eval-set', `Cannot read the set file ${path}: check the path.`);
  }
  const rows = rowsOf(path, bytes.toString('utf8'));
  if (rows.length === 0) throw new UserError('invalid-eval-set', `${path}: the set has no items.`);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), rows };
}
