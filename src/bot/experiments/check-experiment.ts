// Run after every change to a comparison's votes: if the comparison belongs to a running experiment, its
// sequential test is read again, and the experiment stops itself once the test decides or the vote cap is reached.
// Stopping on the test's own rule (its e-value reaching 1/α) keeps the false-positive rate at α however often
// it is checked, which is why it may be checked after every vote. A burst of votes on one experiment makes one
// check at a time, plus one more afterwards that sees them all, instead of one per vote.
import type { Client } from 'discord.js';
import { experimentEvidence } from '../../export/experiment-evidence.ts';
import type { ExperimentRecord } from '../../records/experiments/experiment-record.ts';
import { finishExperiment, type FinishServices } from './finish-experiment.ts';

export type ExperimentChecker = (comparisonId: string) => Promise<void>;

export function createExperimentChecker(client: Client, services: FinishServices): ExperimentChecker {
  const checking = new Map<string, { again: boolean }>();
  const check = async (running: ExperimentRecord) => {
    const record = await services.experiments.byId(running.guildId, running.id);
    if (record === undefined || record.status !== 'running') return;
    const evidence = await experimentEvidence(record, services);
    const capped = record.plan.voteCap !== null && evidence.votes >= record.plan.voteCap;
    if (evidence.test.decided !== null) await finishExperiment(client, services, record, 'decided');
    else if (capped) await finishExperiment(client, services, record, 'capped');
  };
  return async (comparisonId) => {
    const record = await services.experiments.ofComparison(comparisonId);
    if (record === undefined || record.status !== 'running') return;
    const key = `${record.guildId}:${record.id}`;
    const busy = checking.get(key);
    if (busy !== undefined) return void (busy.again = true);
    const state = { again: false };
    checking.set(key, state);
    try {
      do {
        state.again = false;
        await check(record);
      } while (state.again);
    } finally {
      checking.delete(key);
    }
  };
}
