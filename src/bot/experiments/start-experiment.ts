// Starting an experiment: a draft's plan frozen (canonical JSON, SHA-256) and marked running, or a frozen plan
// (by its hash, or the JSON its start message attached) started again in another server as a replication. Both
// refuse a model the model server does not serve and a channel where another experiment already runs.
import { UserError } from '../../base/user-error.ts';
import { checkServedModel } from '../../records/comparisons/compare-models.ts';
import { parseArm } from '../../records/experiments/arm.ts';
import { freezePlan, parsePlan, type ExperimentPlan } from '../../records/experiments/experiment-plan.ts';
import type { ExperimentRecord } from '../../records/experiments/experiment-record.ts';
import type { Services } from '../services.ts';

/** Refuses an arm model the model server does not serve, as /compare models: does. */
export async function checkArmModels(services: Pick<Services, 'servedModels' | 'settings'>, plan: ExperimentPlan) {
  const models = new Set(plan.arms.flatMap((arm) => parseArm(arm).model ?? []));
  for (const model of models) await checkServedModel(model, services.servedModels, services.settings);
}

/** Refuses a channel where another experiment runs: /compare there can show only one. */
async function checkChannelsFree(
  services: Pick<Services, 'experiments'>,
  guildId: string,
  channelIds: readonly string[],
) {
  for (const channelId of channelIds) {
    const busy = await services.experiments.runningIn(guildId, channelId);
    if (busy !== undefined)
      throw new UserError(
        'invalid-option',
        `Experiment “${busy.plan.name}” already runs in <#${channelId}>. Stop it first, or choose other channels.`,
      );
  }
}

/** Freezes a draft's plan and marks it running; returns it with its canonical JSON. */
export async function startExperiment(
  services: Pick<Services, 'experiments'>,
  draft: ExperimentRecord,
): Promise<StartedExperiment> {
  if (draft.status !== 'draft')
    throw new UserError(
      'invalid-option',
      `Experiment “${draft.plan.name}” has already started (it is ${draft.status}).`,
    );
  await checkChannelsFree(services, draft.guildId, draft.channelIds);
  const { json, hash } = freezePlan(draft.plan);
  const now = new Date().toISOString();
  const record = await services.experiments.update(draft.guildId, draft.id, (stored) => ({
    ...stored,
    status: 'running',
    planHash: hash,
    startedAt: now,
  }));
  return { record, json };
}

export interface StartedExperiment {
  record: ExperimentRecord;
  json: string;
}

/** A frozen plan (by hash, or its JSON) started in this server as a replication. */
export async function replicateExperiment(
  services: Pick<Services, 'engine' | 'experiments' | 'servedModels' | 'settings'>,
  guildId: string,
  typed: string,
  channelIds: string[],
): Promise<StartedExperiment> {
  const plan = /^[0-9a-f]{64}$/i.test(typed)
    ? await planByHash(services, typed.toLowerCase())
    : planFromJson(typed, services);
  await checkArmModels(services, plan);
  await checkChannelsFree(services, guildId, channelIds);
  const { json, hash } = freezePlan(plan);
  const record = await services.experiments.create({ guildId, channelIds, plan, planHash: hash, replication: true });
  return { record, json };
}

async function planByHash(services: Pick<Services, 'experiments'>, hash: string): Promise<ExperimentPlan> {
  for await (const record of services.experiments.all()) if (record.planHash === hash) return record.plan;
  throw new UserError(
    'not-found',
    'No started experiment has that plan hash in this bot’s store. Paste the plan JSON from its start message instead.',
  );
}

function planFromJson(typed: string, services: Pick<Services, 'engine'>): ExperimentPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typed);
  } catch {
    throw new UserError('invalid-option', '`plan` is neither a plan hash (64 hex digits) nor plan JSON.');
  }
  return parsePlan(
    parsed,
    services.engine.pipelines().map((pipeline) => pipeline.id),
  );
}
