// The experiments a card lists: those with an arm of the card's pipeline (at any model or presentation, since an
// arm names a pipeline, not a version), each with its status and, once it ended, its result in words as the
// experiment posted it: the primary pair's preference with its always-valid interval and the e-value.
import { parseArm } from '../records/experiments/arm.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import type { ExperimentMention } from './build-technique-card.ts';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function resultOf({ plan, outcome, status }: ExperimentRecord): string | null {
  if (outcome === null) return null;
  const verdict =
    outcome.winner !== null
      ? `${outcome.winner} wins`
      : status === 'capped'
        ? 'no winner at its vote cap'
        : 'stopped by hand, undecided';
  if (outcome.estimate === null) return `${verdict}; no blind votes on ${plan.primary.a} vs ${plan.primary.b}`;
  const [low, high] = outcome.interval;
  return (
    `${verdict}: ${plan.primary.a} preferred over ${plan.primary.b} in ${percent(outcome.estimate)} ` +
    `(always-valid interval ${percent(low)}–${percent(high)}), e-value ${outcome.eValue.toFixed(2)}, ${outcome.votes} votes`
  );
}

/** Oldest first; a replication is marked as one. */
export function experimentMentions(records: readonly ExperimentRecord[], pipelineId: string): ExperimentMention[] {
  return records
    .filter((record) => record.plan.arms.some((arm) => parseArm(arm).pipelineId === pipelineId))
    .sort((left, right) => left.createdAt.localeCompare(right.createdAt) || left.id.localeCompare(right.id))
    .map((record) => ({
      id: record.id,
      name: record.replication ? `${record.plan.name} (replication)` : record.plan.name,
      status: record.status,
      arms: record.plan.arms,
      result: resultOf(record),
    }));
}
