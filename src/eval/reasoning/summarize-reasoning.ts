// A reasoning run in the numbers a paper would print: per pipeline, accuracy with its Wilson 95% interval,
// tokens and cost per correct answer; McNemar's exact test for every pair; the published GSM8K rows beside.
import type { PipelineSummary, SummaryInput } from '../eval-suite.js';
import { type Proportion, proportion, usageOf } from '../usage.js';
import { mcnemarExact } from './mcnemar-exact.js';
import { PUBLISHED_GSM8K, type PublishedFigure } from './published-figures.js';
import type { ReasoningClassification } from './reasoning-classification.js';
import type { ReasoningItem } from './reasoning-items.js';

export interface ReasoningSummary extends PipelineSummary {
  accuracy: Proportion & { correct: number; failed: number };
  tokensPerCorrect: number | null;
  costPerCorrectUsd: number | null;
}

export interface McNemarRow {
  first: string;
  second: string;
  /** Items the first got right and the second wrong, and the reverse. */
  b: number;
  c: number;
  p: number;
}

export interface ReasoningResults {
  pipelines: ReasoningSummary[];
  mcnemar: McNemarRow[];
  published: readonly PublishedFigure[];
}

type Answer = SummaryInput<ReasoningItem, ReasoningClassification>['records'][number];

function summarizePipeline(id: string, version: string, records: Answer[]): ReasoningSummary {
  const scored = records.filter((record) => record.classification !== null);
  const correct = scored.filter((record) => record.classification?.correct === true).length;
  const usage = usageOf(records);
  return {
    id,
    version,
    accuracy: { ...proportion(correct, scored.length), correct, failed: records.length - scored.length },
    usage,
    tokensPerCorrect: correct === 0 ? null : usage.tokens / correct,
    costPerCorrectUsd: correct === 0 || usage.costUsd === null ? null : usage.costUsd / correct,
  };
}

/** McNemar's exact test for every pair, on the items (and repetitions) both pipelines answered. */
export function pairwiseMcNemar(pipelineIds: string[], records: Answer[]): McNemarRow[] {
  const outcome = new Map<string, boolean>(
    records.flatMap((record) => (record.classification ? [[`${record.pipelineId}\u0000${record.itemId}\u0000${record.repetition}`, record.classification.correct]] : [])),
  );
  const units = [...new Set(records.map((record) => `${record.itemId}\u0000${record.repetition}`))];
  return pipelineIds.flatMap((first, index) =>
    pipelineIds.slice(index + 1).map((second) => {
      let b = 0;
      let c = 0;
      for (const unit of units) {
        const left = outcome.get(`${first}\u0000${unit}`);
        const right = outcome.get(`${second}\u0000${unit}`);
        if (left === undefined || right === undefined) continue;
        if (left && !right) b += 1;
        if (!left && right) c += 1;
      }
      return { first, second, b, c, p: mcnemarExact(b, c) };
    }),
  );
}

export function summarizeReasoning(input: SummaryInput<ReasoningItem, ReasoningClassification>): ReasoningResults {
  return {
    pipelines: input.pipelineIds.map((id) => summarizePipeline(id, input.versionOf(id), input.records.filter((record) => record.pipelineId === id))),
    mcnemar: pairwiseMcNemar(input.pipelineIds, input.records),
    published: PUBLISHED_GSM8K,
  };
}
