// Loads .env into the process environment with one rule for every variable: an empty value means "not set".
// Empty values are removed from the environment itself, because discord.js reads some variables on its own
// (SHARDS is JSON.parse'd, SHARD_COUNT is Number()'d) and `SHARDS=` from .env.example would break it.
import { config as loadDotenv } from 'dotenv';

type Environment = Record<string, string | undefined>;

function dropEmptyValues(env: Environment): void {
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() === '') delete env[name];
}

/** Entry scripts call this once, first, with process.env. An empty shell variable does not hide the value .env gives it. */
export function loadEnvironment(env: Environment): void {
  dropEmptyValues(env);
  loadDotenv({ quiet: true, processEnv: env });
  dropEmptyValues(env);
}
