// What /experiment shows: the frozen plan when it starts, its status while it runs, the result when it ends, and the
// list of a server's experiments. Plain text, with the plan (canonical JSON) and the dataset as attachments.
import type { ExperimentEvidence } from '../../export/experiment-evidence.ts';
import type { ExperimentPlan } from '../../records/experiments/experiment-plan.ts';
import type { ExperimentRecord } from '../../records/experiments/experiment-record.ts';
import { plural } from '../../base/plural.ts';
import { MESSAGE_CONTENT_MAX } from './text/discord-limits.ts';

export interface ExperimentPost {
  content: string;
  files: { name: string; attachment: Buffer }[];
  allowedMentions: { parse: [] };
}

const post = (lines: string[], files: ExperimentPost['files'] = []): ExperimentPost => ({
  content: lines.join('\n').slice(0, MESSAGE_CONTENT_MAX),
  files,
  allowedMentions: { parse: [] },
});

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
/** The interval's confidence level: 95% for α = 0.05, 99.5% for α = 0.005. */
const level = (alpha: number) => `${Number(((1 - alpha) * 100).toFixed(2))}%`;
const fileSafe = (name: string) => name.replace(/[^\w-]+/g, '-').toLowerCase();

/** The plan in a few lines: hypothesis, arms, the primary comparison and the stopping rule. */
export function describePlan(plan: ExperimentPlan): string[] {
  return [
    `Hypothesis: ${plan.hypothesis}`,
    `Arms: ${plan.arms.map((arm) => `\`${arm}\``).join(', ')}`,
    `Primary comparison: \`${plan.primary.a}\` (A) vs \`${plan.primary.b}\` (B)${plan.category === null ? '' : ` on ${plan.category} prompts`}`,
    `Stops when an always-valid test decides at α = ${plan.alpha} (minimum effect ${percent(plan.minimumEffect)} from 50%, power ${plan.power})${plan.voteCap === null ? '' : `, or after ${plural(plan.voteCap, 'vote')}`}.`,
  ];
}

/** The canonical plan byte for byte (no final newline), so `sha256sum` of the file prints the plan hash. */
export function planFile(record: ExperimentRecord, json: string): ExperimentPost['files'][number] {
  return { name: `experiment-${fileSafe(record.plan.name)}-plan.json`, attachment: Buffer.from(json) };
}

export function renderStarted(record: ExperimentRecord, json: string): ExperimentPost {
  return post(
    [
      `🔒 **Experiment “${record.plan.name}”${record.replication ? ' (replication)' : ''} has started.** Its plan is frozen: it can no longer change.`,
      ...describePlan(record.plan),
      `Runs in ${record.channelIds.map((id) => `<#${id}>`).join(', ')}: /compare there shows its arms, blind. Vote as usual.`,
      `Plan hash (SHA-256 of the plan attached): \`${record.planHash ?? ''}\``,
    ],
    [planFile(record, json)],
  );
}

function estimateLine(record: ExperimentRecord, evidence: ExperimentEvidence): string {
  const { test } = evidence;
  if (test.observations === 0) return 'No blind votes on the primary comparison yet.';
  const [low, high] = test.interval;
  return `\`${record.plan.primary.a}\` preferred over \`${record.plan.primary.b}\` in ${percent(test.estimate)} (always-valid ${level(record.plan.alpha)} interval ${percent(low)}–${percent(high)}), e-value ${test.eValue.toFixed(2)} (decides at ${(1 / record.plan.alpha).toFixed(0)}).`;
}

export function renderStatus(record: ExperimentRecord, evidence: ExperimentEvidence): ExperimentPost {
  const { test } = evidence;
  const needed =
    record.status !== 'running'
      ? []
      : [
          test.votesStillNeeded === null
            ? 'Votes still needed: cannot be estimated yet.'
            : `Still needed (estimate): about ${plural(test.votesStillNeeded, 'more voted comparison')} of the primary pair.`,
        ];
  return post([
    `**Experiment “${record.plan.name}”**: ${statusWords(record)}`,
    `${plural(evidence.votes, 'blind vote')} on ${plural(evidence.comparisons.length, 'comparison')} of the primary pair (${plural(record.comparisons.length, 'comparison')} shown in all).`,
    estimateLine(record, evidence),
    ...needed,
    ...describePlan(record.plan),
    `Plan hash: \`${record.planHash ?? 'not frozen yet (/experiment start)'}\``,
  ]);
}

function statusWords(record: ExperimentRecord): string {
  switch (record.status) {
    case 'draft':
      return 'a draft: not started, nothing frozen yet (/experiment start freezes it).';
    case 'running':
      return 'running.';
    case 'decided':
      return 'stopped by itself: the sequential test decided.';
    case 'capped':
      return 'stopped at its vote cap without a decision.';
    case 'stopped':
      return 'stopped early by hand.';
  }
}

export function renderResult(
  record: ExperimentRecord,
  evidence: ExperimentEvidence,
  files: { planJson: string; dataset: string },
): ExperimentPost {
  const winner =
    evidence.test.decided === null
      ? null
      : evidence.test.decided === 'a'
        ? record.plan.primary.a
        : record.plan.primary.b;
  const headline =
    record.status === 'decided' && winner !== null
      ? `🏁 **Experiment “${record.plan.name}” stopped by itself: \`${winner}\` wins.**`
      : record.status === 'capped'
        ? `🏁 **Experiment “${record.plan.name}” reached its vote cap: no winner at α = ${record.plan.alpha}.**`
        : `🛑 **Experiment “${record.plan.name}” was stopped early by hand** (a result without the test's guarantee of a decision).`;
  return post(
    [
      headline,
      estimateLine(record, evidence),
      `${plural(evidence.votes, 'blind vote')} on ${plural(evidence.comparisons.length, 'comparison')}; the dataset attached holds exactly these votes (voters as salted hashes, text PII-filtered).`,
      ...describePlan(record.plan),
      `Plan hash: \`${record.planHash ?? ''}\``,
    ],
    [
      planFile(record, files.planJson),
      { name: `experiment-${fileSafe(record.plan.name)}-votes.jsonl`, attachment: Buffer.from(files.dataset) },
    ],
  );
}

export function renderList(records: readonly ExperimentRecord[]): ExperimentPost {
  if (records.length === 0) return post(['No experiments in this server yet. Create one with /experiment create.']);
  return post(
    records.map(
      (record) =>
        `• **${record.plan.name}**: ${record.status}${record.replication ? ' (replication)' : ''}, \`${record.plan.primary.a}\` vs \`${record.plan.primary.b}\`, ${plural(record.comparisons.length, 'comparison')}${record.planHash === null ? '' : `, plan \`${record.planHash.slice(0, 12)}\``}`,
    ),
  );
}
