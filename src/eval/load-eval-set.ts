// Reads an evaluation set for one suite: the file's rows become the suite's items, and the file's hash is
// kept, so a result file says exactly which set it measured.
import type { EvalSuite, PipelineSummary } from './eval-suite.js';
import { readSetFile } from './read-set-rows.js';

export interface EvalSet<Item> {
  path: string;
  sha256: string;
  items: Item[];
}

export async function loadEvalSet<Item extends { id: string }>(
  suite: EvalSuite<string, Item, unknown, { pipelines: PipelineSummary[] }>,
  path: string,
): Promise<EvalSet<Item>> {
  const file = await readSetFile(path);
  return { path, sha256: file.sha256, items: suite.itemsOf(path, file.rows) };
}
