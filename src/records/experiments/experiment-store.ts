// Experiments in the store, keyed `${guildId}:${id}`, and the link from a comparison to the experiment that showed
// it, so a vote on a comparison finds its experiment in one read. Writes to one experiment are queued in this
// process (a guild's interactions and votes reach one shard).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../../base/user-error.ts';
import { createKeyedQueue } from '../../store/keyed-queue.ts';
import type { Store } from '../../store/open-store.ts';
import type { ExperimentPlan } from './experiment-plan.ts';
import {
  ExperimentRecordSchema,
  isEnded,
  type ExperimentComparison,
  type ExperimentRecord,
} from './experiment-record.ts';

export const EXPERIMENT_NAMESPACES = { experiments: 'experiments', links: 'experiment-comparisons' } as const;

/** Which experiment showed a comparison (keyed by comparison id). */
export const ExperimentLinkSchema = z.strictObject({ guildId: z.string().min(1), experimentId: z.string().min(1) });

export interface ExperimentStore {
  /** A new experiment in a server; refused when the server already has one of that name. */
  create(input: {
    guildId: string;
    channelIds: string[];
    plan: ExperimentPlan;
    planHash?: string;
    replication?: boolean;
    now?: Date;
  }): Promise<ExperimentRecord>;
  byName(guildId: string, name: string): Promise<ExperimentRecord | undefined>;
  byId(guildId: string, id: string): Promise<ExperimentRecord | undefined>;
  inGuild(guildId: string): Promise<ExperimentRecord[]>;
  /** Every experiment of every server, one at a time. */
  all(): AsyncGenerator<ExperimentRecord>;
  /** The running experiment whose channels include this one, if any. */
  runningIn(guildId: string, channelId: string): Promise<ExperimentRecord | undefined>;
  /** Rewrites one experiment with `change` (queued); returns it as stored. */
  update(
    guildId: string,
    id: string,
    change: (record: ExperimentRecord) => ExperimentRecord,
  ): Promise<ExperimentRecord>;
  /** Records that a comparison showed these arms, and makes the experiment findable by the comparison. */
  addComparison(guildId: string, id: string, comparison: ExperimentComparison): Promise<void>;
  /** The experiment that showed a comparison, if any. */
  ofComparison(comparisonId: string): Promise<ExperimentRecord | undefined>;
}

export function createExperimentStore(store: Store): ExperimentStore {
  const experiments = store.namespace(EXPERIMENT_NAMESPACES.experiments, ExperimentRecordSchema);
  const links = store.namespace(EXPERIMENT_NAMESPACES.links, ExperimentLinkSchema);
  const queue = createKeyedQueue();
  const keyOf = (guildId: string, id: string) => `${guildId}:${id}`;
  const inGuild = async (guildId: string) => {
    const found: ExperimentRecord[] = [];
    for await (const [, record] of experiments.entries({ under: guildId })) found.push(record);
    return found.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
  };
  const update = (guildId: string, id: string, change: (record: ExperimentRecord) => ExperimentRecord) =>
    queue.run(keyOf(guildId, id), async () => {
      const record = await experiments.get(keyOf(guildId, id));
      if (record === undefined) throw new Error(`No experiment "${id}" in server ${guildId}`);
      const changed = ExperimentRecordSchema.parse(change(record));
      await experiments.set(keyOf(guildId, id), changed);
      return changed;
    });
  return {
    create: ({ guildId, channelIds, plan, planHash, replication = false, now = new Date() }) =>
      queue.run(`create:${guildId}`, async () => {
        if ((await inGuild(guildId)).some((known) => known.plan.name === plan.name))
          throw new UserError(
            'invalid-option',
            `This server already has an experiment called “${plan.name}”. Choose another name.`,
          );
        const record = ExperimentRecordSchema.parse({
          v: 1,
          id: randomBytes(6)
            .toString('base64url')
            .replace(/[^\w-]/g, '_'),
          guildId,
          channelIds,
          plan,
          planHash: planHash ?? null,
          replication,
          status: planHash === undefined ? 'draft' : 'running',
          createdAt: now.toISOString(),
          startedAt: planHash === undefined ? null : now.toISOString(),
          endedAt: null,
          comparisons: [],
          outcome: null,
        } satisfies ExperimentRecord);
        await experiments.set(keyOf(guildId, record.id), record);
        return record;
      }),
    byName: async (guildId, name) =>
      (await inGuild(guildId)).find((record) => record.plan.name.toLowerCase() === name.trim().toLowerCase()),
    byId: (guildId, id) => experiments.get(keyOf(guildId, id)),
    inGuild,
    async *all() {
      for await (const [, record] of experiments.entries()) yield record;
    },
    runningIn: async (guildId, channelId) =>
      (await inGuild(guildId)).find(
        (record) => record.status === 'running' && record.channelIds.includes(channelId) && !isEnded(record.status),
      ),
    update,
    async addComparison(guildId, id, comparison) {
      await links.set(comparison.comparisonId, { guildId, experimentId: id });
      await update(guildId, id, (record) => ({ ...record, comparisons: [...record.comparisons, comparison] }));
    },
    async ofComparison(comparisonId) {
      const link = await links.get(comparisonId);
      return link === undefined ? undefined : experiments.get(keyOf(link.guildId, link.experimentId));
    },
  };
}
