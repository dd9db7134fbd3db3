// Which shards this machine runs: SHARDS=auto|N for all of them here, SHARD_IDS of SHARD_COUNT for a part, and
// mistakes named before anything logs in.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadBotSettings } from '../../src/config/env.ts';
import { shardPlan } from '../../src/config/shard-environment.ts';

const REQUIRED = { DISCORD_TOKEN: 'token', DISCORD_CLIENT_ID: '123456789012345678', OPENAI_API_KEY: 'sk-x' };
const plan = (env: Record<string, string>) => shardPlan(loadBotSettings({ ...REQUIRED, ...env }));
function problems(env: Record<string, string>): string[] {
  try {
    plan(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('shard plan', () => {
  it('runs one process without sharding settings, every shard with SHARDS, and this machine’s part with SHARD_IDS', () => {
    expect(plan({})).toBeNull();
    expect(plan({ SHARDS: 'auto' })).toEqual({ total: 'auto' });
    expect(plan({ SHARD_IDS: '8-11, 3,0', SHARD_COUNT: '16' })).toEqual({ total: 16, ids: [0, 3, 8, 9, 10, 11] });
    expect(plan({ SHARD_IDS: '', SHARD_COUNT: '' })).toBeNull();
  });

  it('names what is wrong with a machine’s shards', () => {
    expect(problems({ SHARD_IDS: '0-7' })).toEqual([
      'SHARD_COUNT is missing: SHARD_IDS needs the total number of shards over all machines (e.g. SHARD_COUNT=16)',
    ]);
    expect(problems({ SHARD_IDS: '0-7', SHARD_COUNT: '4' })).toEqual([
      'SHARD_IDS lists shard 7, but SHARD_COUNT=4 numbers shards 0 to 3',
    ]);
    expect(problems({ SHARD_IDS: '0-3', SHARD_COUNT: '8', SHARDS: '2' })).toEqual([
      'SHARDS and SHARD_IDS are both set: SHARDS=auto|N runs every shard on one machine, SHARD_IDS with SHARD_COUNT a part of them; keep one',
    ]);
    expect(problems({ SHARD_COUNT: '8' })).toEqual([
      'SHARD_COUNT is set without SHARD_IDS: list the shards this machine runs (e.g. SHARD_IDS=0-7), or use SHARDS=auto|N on one machine',
    ]);
    expect(() => plan({ SHARD_IDS: '0-3,2', SHARD_COUNT: '8' })).toThrow(
      'SHARD_IDS must list shard ids and ranges such as 0-7 or 0,2,4-6, each once (got "0-3,2")',
    );
    expect(() => plan({ SHARD_IDS: '7-3', SHARD_COUNT: '8' })).toThrow('SHARD_IDS must list shard ids and ranges');
  });
});
