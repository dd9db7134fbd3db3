// Which schema each backed-up namespace's values must pass, so a restore checks every record the way the bot will
// read it back. A namespace missing here cannot be restored: add it when a new kind of record is stored.
import { z } from 'zod';
import { DEPLOYMENT_NAMESPACE, DeploymentSecretSchema } from '../../records/votes/voter-salt.ts';
import { RECENT_MESSAGES_NAMESPACE, RecentMessageSchema } from '../../records/comparisons/recent-messages.ts';
import {
  BallotSchema,
  COMPARISON_NAMESPACES,
  ComparisonTextsSchema,
  MessageLinkSchema,
  RunningEntrySchema,
  SlotTraceSchema,
} from '../../records/comparisons/stored-records.ts';
import { GuildConfig } from '../../records/guild-config.ts';
import { RecentCompares, RunCost, RunUse } from '../../records/quotas/usage-schemas.ts';
import { UserMemory } from '../../records/memory-book.ts';
import { LayoutVersionSchema, META_NAMESPACE } from '../../records/migrations/migrate-store.ts';
import { LEGACY_COMPARISONS_NAMESPACE } from '../../records/migrations/split-comparisons.ts';
import { BotThread } from '../../records/bot-threads.ts';
import { ExperimentRecordSchema } from '../../records/experiments/experiment-record.ts';
import { EXPERIMENT_NAMESPACES, ExperimentLinkSchema } from '../../records/experiments/experiment-store.ts';
import { FORGOTTEN_USERS_NAMESPACE, TombstoneSchema } from '../../records/votes/forgotten-users.ts';
import { RevealMarkSchema, VoteDaySchema, VoterReactionsSchema } from '../../records/votes/vote-schema.ts';

export const RECORD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  [COMPARISON_NAMESPACES.ballots]: BallotSchema,
  [COMPARISON_NAMESPACES.texts]: ComparisonTextsSchema,
  [COMPARISON_NAMESPACES.traces]: SlotTraceSchema,
  [COMPARISON_NAMESPACES.running]: RunningEntrySchema,
  [COMPARISON_NAMESPACES.messages]: MessageLinkSchema,
  [RECENT_MESSAGES_NAMESPACE]: RecentMessageSchema,
  votes: VoterReactionsSchema,
  reveals: RevealMarkSchema,
  'vote-days': VoteDaySchema,
  [FORGOTTEN_USERS_NAMESPACE]: TombstoneSchema,
  memory: UserMemory,
  'bot-threads': BotThread,
  [EXPERIMENT_NAMESPACES.experiments]: ExperimentRecordSchema,
  [EXPERIMENT_NAMESPACES.links]: ExperimentLinkSchema,
  'guild-config': GuildConfig,
  'usage-compares': RecentCompares,
  'usage-answers': RecentCompares,
  'usage-costs': RunCost,
  'usage-runs': RunUse,
  [DEPLOYMENT_NAMESPACE]: DeploymentSecretSchema,
  [META_NAMESPACE]: LayoutVersionSchema,
  // Comparisons of layout 1 (an old backup): the migration at the next start reads each and reports those it cannot.
  [LEGACY_COMPARISONS_NAMESPACE]: z.unknown(),
};
