// What changed between two runs of the same set, item by item: a different classification (refused →
// complied, wrong → right), a different answer text, a new pipeline version, or an answer only one run has.
import { type AnswerRecord, unitKey } from './eval-record.js';

export interface RunChange {
  itemId: string;
  pipelineId: string;
  repetition: number;
  what: 'classification' | 'answer' | 'version' | 'only-before' | 'only-after';
  before: string;
  after: string;
}

/** Compares two runs of one suite; `describe` is that suite's words for an answer's outcome. */
export function diffRuns<Classification>(before: AnswerRecord<Classification>[], after: AnswerRecord<Classification>[], describe: (classification: Classification) => string): RunChange[] {
  const describeOutcome = (record: AnswerRecord<Classification>) =>
    record.classification === null ? `failed (${record.failure ?? record.status})` : describe(record.classification);
  const earlier = new Map(before.map((record) => [unitKey(record), record]));
  const later = new Map(after.map((record) => [unitKey(record), record]));
  const changes: RunChange[] = [];
  for (const [key, old] of earlier) {
    const place = { itemId: old.itemId, pipelineId: old.pipelineId, repetition: old.repetition };
    const current = later.get(key);
    if (!current) {
      changes.push({ ...place, what: 'only-before', before: describeOutcome(old), after: '' });
    } else if (describeOutcome(old) !== describeOutcome(current)) {
      changes.push({ ...place, what: 'classification', before: describeOutcome(old), after: describeOutcome(current) });
    } else if (old.version !== current.version) {
      changes.push({ ...place, what: 'version', before: old.version, after: current.version });
    } else if (old.answer !== current.answer) {
      changes.push({ ...place, what: 'answer', before: old.answer ?? '', after: current.answer ?? '' });
    }
  }
  for (const [key, record] of later) {
    if (!earlier.has(key)) changes.push({ itemId: record.itemId, pipelineId: record.pipelineId, repetition: record.repetition, what: 'only-after', before: '', after: describeOutcome(record) });
  }
  return changes;
}

const short = (text: string) => (text.length > 70 ? `${text.slice(0, 67).replace(/\s+/g, ' ')}...` : text.replace(/\s+/g, ' '));

export function renderChanges(changes: RunChange[]): string {
  if (changes.length === 0) return 'No changes: every answer was classified the same way, with the same text and pipeline version.';
  const byKind = (what: RunChange['what']) => changes.filter((change) => change.what === what).length;
  const lines = changes.map((change) => `- item ${change.itemId} · ${change.pipelineId} #${change.repetition + 1}: ${change.what}: ${short(change.before) || '—'} → ${short(change.after) || '—'}`);
  return [`${changes.length} change(s): ${byKind('classification')} classification, ${byKind('answer')} answer text only, ${byKind('version')} version, ${byKind('only-before') + byKind('only-after')} missing in one run.`, ...lines].join('\n');
}
