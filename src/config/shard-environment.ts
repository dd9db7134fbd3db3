// Whether this process is one shard started by the sharding manager. discord.js's ShardingManager hands each
// shard process SHARDING_MANAGER, SHARDS (that shard's id, replacing the operator's SHARDS=auto|N) and
// SHARD_COUNT; the discord.js Client reads them itself.
export interface ShardIdentity {
  id: number;
  count: number;
}

export function shardFromEnvironment(env: Record<string, string | undefined>): ShardIdentity | null {
  if (!env.SHARDING_MANAGER) return null;
  return { id: Number(env.SHARDS), count: Number(env.SHARD_COUNT) };
}

/** The environment as the operator wrote it: without the manager's per-shard SHARDS, which is not SHARDS=auto|N. */
export function operatorEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!env.SHARDING_MANAGER) return env;
  const { SHARDS: _shardId, ...rest } = env;
  return rest;
}
