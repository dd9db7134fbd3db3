// Which schema each backed-up namespace's values must pass, so a restore checks every record the way the bot will
// read it back. A namespace missing here cannot be restored: add it when a new kind of record is stored.
import { z } from 'zod';
import { DEPLOYMENT_NAMESPACE, DeploymentSecretSchema } from '../../records/votes/voter-salt.js';
import { RECENT_MESSAGES_NAMESPACE, RecentMessageSchema } from '../../records/comparisons/recent-messages.js';
import { BallotSchema, COMPARISON_NAMESPACES, ComparisonTextsSchema, MessageLinkSchema, RunningEntrySchema, SlotTraceSchema } from '../../records/comparisons/stored-records.js';
import { GuildConfig } from '../../records/guild-config.js';
import { RecentCompares, RunCost, RunUse } from '../../records/quotas/usage-schemas.js';
import { UserMemory } from '../../records/memory-book.js';
import { LayoutVersionSchema, META_NAMESPACE } from '../../records/migrations/migrate-store.js';
import { LEGACY_COMPARISONS_NAMESPACE } from '../../records/migrations/split-comparisons.js';
import { BotThread } from '../../records/bot-threads.js';
import { FORGOTTEN_USERS_NAMESPACE, TombstoneSchema } from '../../records/votes/forgotten-users.js';
import { RevealMarkSchema, VoteDaySchema, VoterReactionsSchema } from '../../records/votes/vote-schema.js';

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
