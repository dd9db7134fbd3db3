// The runs `npm run eval` left in its results folder: each log is a header line, then one answer per line
// (results-log.ts). The latest run of a suite is the log whose header started last; it is read, never written,
// with the set it measured, so its answers can be summarised exactly as the run's report summarised them.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatIssues } from '../base/format-issue.ts';
import { UserError } from '../base/user-error.ts';
import { type AnswerRecord, RunHeader, answerRecordSchema } from './eval-record.ts';
import type { EvalSuite, PipelineSummary } from './eval-suite.ts';
import { loadEvalSet } from './load-eval-set.ts';

/** Where `npm run eval` writes its logs (and `npm run agreement` its report) unless told otherwise. */
export const EVAL_RESULTS_DIR = 'eval-results';

export interface StoredRun<Item, Classification> {
  file: string;
  header: RunHeader;
  items: Item[];
  records: AnswerRecord<Classification>[];
}

async function headerOf(file: string): Promise<RunHeader | null> {
  const [first = ''] = (await readFile(file, 'utf8')).split('\n', 1);
  try {
    const header = RunHeader.safeParse(JSON.parse(first));
    return header.success ? header.data : null;
  } catch {
    return null; // not a results log: other JSONL files may share the folder
  }
}

/** The newest run of `suite` in `dir`; null when the folder holds none. A log that cannot be read is a UserError naming it. */
export async function readLatestRun<Item extends { id: string }, Classification>(
  dir: string,
  suite: EvalSuite<string, Item, Classification, { pipelines: PipelineSummary[] }>,
): Promise<StoredRun<Item, Classification> | null> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  let latest: { file: string; header: RunHeader } | null = null;
  for (const name of names.filter((entry) => entry.endsWith('.jsonl')).sort()) {
    const file = path.join(dir, name);
    const header = await headerOf(file);
    if (header?.suite !== suite.name) continue;
    if (latest === null || header.startedAt > latest.header.startedAt) latest = { file, header };
  }
  if (latest === null) return null;
  const { file, header } = latest;
  const Answer = answerRecordSchema(suite.classification);
  const lines = (await readFile(file, 'utf8')).split('\n').slice(1);
  const records = lines.flatMap((line, index) => {
    if (line.trim() === '') return [];
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      return []; // a line cut short by an interrupted run, as the log itself drops it on resume
    }
    const record = Answer.safeParse(data);
    if (!record.success)
      throw new UserError(
        'invalid-eval-set',
        formatIssues(`${file}: line ${index + 2}`, record.error, data).join('\n'),
      );
    return [record.data as AnswerRecord<Classification>];
  });
  const set = await loadEvalSet(suite, header.set.path).catch((error: unknown) => {
    throw new UserError(
      'invalid-eval-set',
      `${file} measured ${header.set.path}, which cannot be read now (${error instanceof Error ? error.message : String(error)}).`,
    );
  });
  if (set.sha256 !== header.set.sha256)
    throw new UserError(
      'invalid-eval-set',
      `${file} measured ${header.set.path} as it was (sha256 ${header.set.sha256.slice(0, 12)}); the file has changed since.`,
    );
  return { file, header, items: set.items, records };
}

/** The records of one pipeline version in a run. */
export const recordsOf = <Classification>(
  records: readonly AnswerRecord<Classification>[],
  pipelineId: string,
  version: string,
): AnswerRecord<Classification>[] =>
  records.filter((record) => record.pipelineId === pipelineId && record.version === version);
