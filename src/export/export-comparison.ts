// A comparison as exports see it: its ballot (slots, statuses, ids) with the conversation and the answers
// people read, and no traces.
import type { Ballot, ComparisonTexts } from '../records/comparisons/stored-records.ts';
import type { ChatMessage } from '../llm/chat-model.ts';

export interface ExportComparison extends Ballot {
  conversation: ChatMessage[];
  /** Per slot, in display order; null where the slot has no answer. */
  answers: Array<string | null>;
}

export type ExportComparisonSource = ReadonlyMap<string, ExportComparison> | readonly ExportComparison[];

export function exportComparisonOf(ballot: Ballot, texts: ComparisonTexts | undefined): ExportComparison {
  return {
    ...ballot,
    conversation: texts?.conversation ?? [],
    answers: ballot.slots.map((_, index) => texts?.answers[index] ?? null),
  };
}

export function toExportComparisonMap(source: ExportComparisonSource): ReadonlyMap<string, ExportComparison> {
  if (!Array.isArray(source)) return source as ReadonlyMap<string, ExportComparison>;
  return new Map(source.map((comparison) => [comparison.id, comparison]));
}
