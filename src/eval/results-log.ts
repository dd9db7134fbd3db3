// The append-only results log that makes a run resumable: a header line, then one line per answer,
// written as each arrives. Reopening the log of the same suite, set and seed returns the answers so far;
// a line cut short by an interruption is dropped so the next append starts clean.
import { appendFile, mkdir, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../base/format-issue.js';
import { UserError } from '../base/user-error.js';
import type { z } from 'zod';
import { type AnswerRecord, RunHeader, answerRecordSchema } from './eval-record.js';

export interface ResultsLog<Classification> {
  file: string;
  header: RunHeader;
  /** Answers already in the log, in the order written. */
  records: AnswerRecord<Classification>[];
  append(record: AnswerRecord<Classification>): Promise<void>;
}

function parseLine(file: string, line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UserError('invalid-eval-set', `${file}: line ${number}: not valid JSON. Start over with --fresh or choose another --log.`);
  }
}

async function readExisting(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Opens the log of a run of a suite whose answers are classified as `classification` describes. */
export async function openResultsLog<Classification>(
  file: string,
  header: RunHeader,
  classification: z.ZodType<Classification>,
  options: { fresh?: boolean } = {},
): Promise<ResultsLog<Classification>> {
  const StoredAnswer = answerRecordSchema(classification);
  await mkdir(path.dirname(file), { recursive: true });
  let text = options.fresh ? null : await readExisting(file);
  const records: AnswerRecord<Classification>[] = [];
  if (text !== null && text.trim() !== '') {
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length < text.length) await truncate(file, Buffer.byteLength(complete));
    text = complete;
    const lines = text.split('\n').filter((line) => line.trim());
    const stored = RunHeader.safeParse(parseLine(file, lines[0] ?? '', 1));
    if (!stored.success) throw new UserError('invalid-eval-set', `${formatIssues(`${file}: line 1`, stored.error, lines[0]).join('\n')}`);
    const { suite, set, seed } = stored.data;
    if (suite !== header.suite || set.sha256 !== header.set.sha256 || seed !== header.seed) {
      throw new UserError('invalid-eval-set', `${file} holds a ${suite} run of another set or seed (${set.path}, seed ${seed}). Add --fresh to overwrite it or choose another --log.`);
    }
    lines.slice(1).forEach((line, index) => {
      const data = parseLine(file, line, index + 2);
      const record = StoredAnswer.safeParse(data);
      if (!record.success) throw new UserError('invalid-eval-set', formatIssues(`${file}: line ${index + 2}`, record.error, data).join('\n'));
      records.push(record.data);
    });
    header = stored.data;
  } else {
    await appendFile(file, `${JSON.stringify(header)}\n`, { flag: 'w' });
  }
  // One write at a time, so concurrent answers never interleave within a line.
  let chain = Promise.resolve();
  return {
    file,
    header,
    records,
    append(record) {
      chain = chain.then(() => appendFile(file, `${JSON.stringify(record)}\n`));
      return chain;
    },
  };
}
