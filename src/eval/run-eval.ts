// Runs an eval: every item × repetition is one unit, whose pipelines run side by side as in /compare;
// at most `concurrency` units run at once. Each finished answer is classified and handed to `record`
// right away (the results log appends it), and answers already recorded for the same pipeline version
// are skipped, which is what makes an interrupted run resumable.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { Engine } from '../engine/create-engine.js';
import type { PipelineResult } from '../engine/trace.js';
import { seededRandom } from '../base/seeded-random.js';
import { type AnswerRecord, unitKey } from './eval-record.js';
import type { Classifier } from './eval-suite.js';

export interface EvalRunOptions<Item extends { id: string }, Classification> {
  engine: Engine;
  items: Item[];
  /** What a pipeline is asked for an item. */
  promptOf(item: Item): string;
  pipelineIds: string[];
  repeat: number;
  concurrency: number;
  seed: number;
  classifier: Classifier<Item, Classification>;
  /** Answers recorded earlier; those whose version matches the pipeline's current one are not run again. */
  previous: AnswerRecord<Classification>[];
  record(record: AnswerRecord<Classification>): Promise<void>;
  modelOverrides?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  onProgress?(progress: { done: number; total: number }): void;
}

/** The seed of one run, derived from the run's seed so each answer can be reproduced on its own. */
export function unitSeed(seed: number, itemId: string, pipelineId: string, repetition: number): number {
  return createHash('sha256').update(`${seed}\u0000${itemId}\u0000${pipelineId}\u0000${repetition}`).digest().readUInt32BE(0);
}

/** Resolves with every answer of the run, earlier ones included, in item, repetition, pipeline order. */
export async function runEval<Item extends { id: string }, Classification>(options: EvalRunOptions<Item, Classification>): Promise<AnswerRecord<Classification>[]> {
  const { engine, pipelineIds, signal } = options;
  const versions = new Map(pipelineIds.map((id) => [id, engine.version(id, options.modelOverrides)]));
  const answers = new Map<string, AnswerRecord<Classification>>();
  for (const record of options.previous) {
    if (versions.get(record.pipelineId) === record.version) answers.set(unitKey(record), record);
  }
  const units = options.items.flatMap((item) => Array.from({ length: options.repeat }, (_, repetition) => ({ item, repetition })));
  const total = units.length * pipelineIds.length;
  const countDone = () => units.reduce((sum, { item, repetition }) => sum + pipelineIds.filter((pipelineId) => answers.has(unitKey({ itemId: item.id, pipelineId, repetition }))).length, 0);
  let done = countDone();
  options.onProgress?.({ done, total });

  const answerOne = async (item: Item, pipelineId: string, repetition: number): Promise<void> => {
    const seed = unitSeed(options.seed, item.id, pipelineId, repetition);
    const result: PipelineResult = await engine.run(pipelineId, [{ role: 'user', content: options.promptOf(item) }], {
      signal,
      modelOverrides: options.modelOverrides,
      random: seededRandom(seed),
    });
    if (result.status === 'cancelled' || signal?.aborted) return; // not an answer: a resumed run will ask again
    let classification: Classification | null = null;
    try {
      if (result.answer !== null) classification = await options.classifier.classify(item, result.answer, signal ?? new AbortController().signal);
    } catch (error) {
      if (signal?.aborted) return; // the judge was cancelled with the run: ask again on resume
      throw error;
    }
    const record: AnswerRecord<Classification> = {
      kind: 'answer',
      itemId: item.id,
      pipelineId,
      repetition,
      version: result.version ?? versions.get(pipelineId) ?? '',
      seed,
      status: result.status,
      answer: result.answer,
      ...(result.failure ? { failure: result.failure.message } : {}),
      totals: result.totals,
      classification,
    };
    answers.set(unitKey(record), record);
    await options.record(record);
    done += 1;
    options.onProgress?.({ done, total });
  };

  const limit = pLimit(options.concurrency);
  await Promise.all(
    units.map(({ item, repetition }) =>
      limit(async () => {
        if (signal?.aborted) return;
        const missing = pipelineIds.filter((pipelineId) => !answers.has(unitKey({ itemId: item.id, pipelineId, repetition })));
        await Promise.all(missing.map((pipelineId) => answerOne(item, pipelineId, repetition)));
      }),
    ),
  );
  return units.flatMap(({ item, repetition }) =>
    pipelineIds.flatMap((pipelineId) => answers.get(unitKey({ itemId: item.id, pipelineId, repetition })) ?? []),
  );
}
