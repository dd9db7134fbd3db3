// Run after every change to a comparison's votes: if the comparison belongs to a running experiment, its
// sequential test is read again, and the experiment stops itself once the test decides or the vote cap is reached.
// Stopping on the test's own rule (its e-value reaching 1/α) keeps the false-positive rate at α however often
// it is checked, which is why it may be checked after every vote.
import type { Client } from 'discord.js';
import { experimentEvidence } from '../../export/experiment-evidence.ts';
import { finishExperiment, type FinishServices } from './finish-experiment.ts';

export async function checkExperiment(client: Client, services: FinishServices, comparisonId: string): Promise<void> {
  const record = await services.experiments.ofComparison(comparisonId);
  if (record === undefined || record.status !== 'running') return;
  const evidence = await experimentEvidence(record, services);
  const capped = record.plan.voteCap !== null && evidence.votes >= record.plan.voteCap;
  if (evidence.test.decided !== null) await finishExperiment(client, services, record, 'decided');
  else if (capped) await finishExperiment(client, services, record, 'capped');
}
