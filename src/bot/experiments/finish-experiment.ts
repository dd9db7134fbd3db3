// An experiment ends: by itself (its sequential test decided, or it reached its vote cap) or stopped by hand. The
// record is marked once (a second vote arriving at the same moment finds it ended), and the result is posted in
// its first channel with the frozen plan, its hash and the dataset of exactly the votes it used.
import type { Client } from 'discord.js';
import { experimentDataset, experimentEvidence } from '../../export/experiment-evidence.ts';
import { freezePlan } from '../../records/experiments/experiment-plan.ts';
import type { ExperimentRecord, ExperimentStatus } from '../../records/experiments/experiment-record.ts';
import { renderResult, type ExperimentPost } from '../../render/discord/experiment-messages.ts';
import type { Services } from '../services.ts';

export type FinishServices = Pick<Services, 'comparisons' | 'experiments' | 'forgottenUsers' | 'log' | 'votes'>;

/** Ends a running experiment and posts its result; undefined when it had already ended. */
export async function finishExperiment(
  client: Client,
  services: FinishServices,
  running: ExperimentRecord,
  status: Extract<ExperimentStatus, 'decided' | 'capped' | 'stopped'>,
  now = new Date(),
): Promise<{ record: ExperimentRecord; post: ExperimentPost } | undefined> {
  let ended: ExperimentRecord | undefined;
  await services.experiments.update(running.guildId, running.id, (record) => {
    if (record.status !== 'running') return record;
    ended = { ...record, status, endedAt: now.toISOString() };
    return ended;
  });
  if (ended === undefined) return undefined;
  const evidence = await experimentEvidence(ended, services);
  const { test } = evidence;
  const winner = test.decided === null ? null : test.decided === 'a' ? ended.plan.primary.a : ended.plan.primary.b;
  const record = await services.experiments.update(ended.guildId, ended.id, (stored) => ({
    ...stored,
    outcome: {
      winner,
      observations: test.observations,
      votes: evidence.votes,
      estimate: test.estimate,
      interval: [test.interval[0], test.interval[1]],
      eValue: test.eValue,
    },
  }));
  const post = renderResult(record, evidence, {
    planJson: freezePlan(record.plan).json,
    dataset: await experimentDataset(record, evidence, services),
  });
  const channel = await client.channels.fetch(record.channelIds[0] ?? '').catch(() => null);
  if (channel?.isSendable()) await channel.send(post);
  else services.log.warn(`experiment ${record.id}: cannot post its result in channel ${record.channelIds[0] ?? '?'}`);
  return { record, post };
}
