// Whether this process is one shard started by the sharding manager. discord.js's ShardingManager hands each
// shard process SHARDING_MANAGER, SHARDS (that shard's id, replacing the operator's SHARDS=auto|N) and
// SHARD_COUNT; the discord.js Client reads them itself. shardPlan reads the operator's SHARDS, SHARD_IDS and SHARD_COUNT.
import { type BotSettings, ConfigError } from './env.ts';

export interface ShardIdentity {
  id: number;
  count: number;
}

export function shardFromEnvironment(env: Record<string, string | undefined>): ShardIdentity | null {
  if (!env.SHARDING_MANAGER) return null;
  return { id: Number(env.SHARDS), count: Number(env.SHARD_COUNT) };
}

/** How this machine runs its shards: SHARDS=auto|N runs them all here, SHARD_IDS with SHARD_COUNT a part of them. */
export type ShardPlan = { total: 'auto' | number; ids?: number[] } | null;

export function shardPlan(settings: Pick<BotSettings, 'SHARDS' | 'SHARD_IDS' | 'SHARD_COUNT'>): ShardPlan {
  const { SHARDS: shards, SHARD_IDS: ids, SHARD_COUNT: count } = settings;
  if (ids === undefined) {
    if (count > 0)
      throw new ConfigError([
        'SHARD_COUNT is set without SHARD_IDS: list the shards this machine runs (e.g. SHARD_IDS=0-7), or use SHARDS=auto|N on one machine',
      ]);
    return shards === undefined ? null : { total: shards };
  }
  const problems = [
    ...(shards === undefined
      ? []
      : [
          'SHARDS and SHARD_IDS are both set: SHARDS=auto|N runs every shard on one machine, SHARD_IDS with SHARD_COUNT a part of them; keep one',
        ]),
    ...(count === 0
      ? ['SHARD_COUNT is missing: SHARD_IDS needs the total number of shards over all machines (e.g. SHARD_COUNT=16)']
      : []),
    ...(count > 0 && ids.some((id) => id >= count)
      ? [`SHARD_IDS lists shard ${Math.max(...ids)}, but SHARD_COUNT=${count} numbers shards 0 to ${count - 1}`]
      : []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return { total: count, ids: [...ids].sort((a, b) => a - b) };
}

/** The environment as the operator wrote it: without the manager's per-shard SHARDS, which is not SHARDS=auto|N. */
export function operatorEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!env.SHARDING_MANAGER) return env;
  const { SHARDS: _shardId, ...rest } = env;
  return rest;
}
