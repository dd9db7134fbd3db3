// Reads an evaluation set (CSV as XSTest publishes it, or JSONL with the same fields; GSM8K JSONL for
// reasoning) and hashes its bytes, so a result file says exactly which set it measured.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { formatIssues } from '../base/format-issue.js';
import { UserError } from '../base/user-error.js';
import { type ReasoningEvalItem, ReasoningItem, SafetyItem, type Suite } from './eval-items.js';

export interface EvalSet<Item> {
  path: string;
  sha256: string;
  items: Item[];
}

export type SafetySet = EvalSet<SafetyItem>;
export type ReasoningSet = EvalSet<ReasoningEvalItem>;

function rowsOf(path: string, text: string): Array<{ where: string; row: unknown }> {
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

function parseRows<T>(path: string, rows: Array<{ where: string; row: unknown }>, schema: z.ZodType<T>): T[] {
  return rows.map(({ where, row }) => {
    const result = schema.safeParse(row);
    if (result.success) return result.data;
    throw new UserError('invalid-eval-set', `${formatIssues(`${path}: ${where}`, result.error, row).join('\n')}`);
  });
}

function checkUniqueIds(path: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new UserError('invalid-eval-set', `${path}: the id "${id}" appears more than once.`);
    seen.add(id);
  }
}

async function readSet(path: string): Promise<{ text: string; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UserError('invalid-eval-set', `Cannot read the set file ${path}: check the path.`);
  }
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function loadEvalSet(suite: 'safety', path: string): Promise<SafetySet>;
export async function loadEvalSet(suite: 'reasoning', path: string): Promise<ReasoningSet>;
export async function loadEvalSet(suite: Suite, path: string): Promise<SafetySet | ReasoningSet>;
export async function loadEvalSet(suite: Suite, path: string): Promise<SafetySet | ReasoningSet> {
  const { text, sha256 } = await readSet(path);
  const rows = rowsOf(path, text);
  if (rows.length === 0) throw new UserError('invalid-eval-set', `${path}: the set has no items.`);
  if (suite === 'safety') {
    const items = parseRows(path, rows, SafetyItem);
    checkUniqueIds(path, items.map((item) => item.id));
    return { path, sha256, items };
  }
  // GSM8K lines carry no id: the line number is one, stable as long as the file is.
  const items = parseRows(path, rows, ReasoningItem).map((item, index) => ({ id: item.id ?? String(index + 1), question: item.question, expected: item.answer }));
  checkUniqueIds(path, items.map((item) => item.id));
  return { path, sha256, items };
}
