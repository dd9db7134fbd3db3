// /compare in a channel where an experiment runs: it shows two of the experiment's arms (the pair it knows least
// about), blind, in an order drawn here so the experiment knows which slot holds which arm. Two arms of the same
// pipeline and model (`cot` and `cot|plain-text`) share one run: both slots show the same answer, one of them
// re-presented by its transform, so a vote between them measures the presentation alone.
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CompareRun } from '../../engine/create-engine.ts';
import { applyTransform } from '../../engine/transforms/apply-transform.ts';
import type { ChatMessage } from '../../llm/chat-model.ts';
import { shuffled } from '../../records/comparisons/new-comparison.ts';
import { parseArm, type Arm } from '../../records/experiments/arm.ts';
import type { ExperimentRecord } from '../../records/experiments/experiment-record.ts';
import { nextPair } from '../../records/experiments/next-pair.ts';
import { runCompareSession, type SlotPlan } from '../sessions/compare-session.ts';
import type { Services } from '../services.ts';

export type ExperimentCompareServices = Parameters<typeof runCompareSession>[1] &
  Pick<Services, 'experiments' | 'voteChanges'>;

/** The runs to make and the slot plan showing them: one run per distinct (pipeline, model). */
export function armSlots(arms: readonly Arm[]): { runs: CompareRun[]; slots: SlotPlan[] } {
  const runs: CompareRun[] = [];
  const slots = arms.map((arm): SlotPlan => {
    let run = runs.findIndex((known) => known.pipelineId === arm.pipelineId && known.model === arm.model);
    if (run < 0)
      run = runs.push({ pipelineId: arm.pipelineId, ...(arm.model === undefined ? {} : { model: arm.model }) }) - 1;
    const { transform } = arm;
    return transform === undefined
      ? { run }
      : { run, present: (answer, result) => applyTransform(transform, answer, result) };
  });
  return { runs, slots };
}

export async function runExperimentCompare(
  interaction: ChatInputCommandInteraction,
  services: ExperimentCompareServices,
  experiment: ExperimentRecord,
  conversation: ChatMessage[],
  signal: AbortSignal,
): Promise<void> {
  const shown = shuffled(nextPair(experiment));
  const { runs, slots } = armSlots(shown.map((index) => parseArm(experiment.plan.arms[index] ?? '')));
  const record = await runCompareSession(
    interaction,
    services,
    {
      conversation,
      // A server's /config models do not apply: an arm names its model or takes the deployment's, so the same
      // frozen plan compares the same thing in every server that replicates it.
      modelOverrides: {},
      runs,
      slots,
      // Linked before any answer shows, so every vote on the comparison reaches the experiment.
      onSaved: (record) =>
        services.experiments.addComparison(experiment.guildId, experiment.id, { comparisonId: record.id, arms: shown }),
    },
    signal,
  );
  // The answers are in, so votes cast while they were being written can count now: the test is read again.
  services.voteChanges.announce(record.id);
}
