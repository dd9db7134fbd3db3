// Parses process.env once into frozen, typed settings. Every missing or invalid variable is reported at
// once, each with what to do. No other module reads process.env. Secrets never appear in messages.
import { z } from 'zod';
import { HfLicenseSchema } from './dataset-licenses.ts';

// An empty line in .env (`REDIS_URL=`) means "not set", so defaults apply.
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(unsetIfEmpty, z.string().trim().optional());
const wholeNumber = (min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(unsetIfEmpty, z.string().optional()).transform((value, context) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (/^\s*-?\d+\s*$/.test(value) && number >= min && number <= max) return number;
    const range = `${min === 1 ? 'above 0' : `from ${min}`}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`;
    context.addIssue({ code: 'custom', message: `must be a whole number ${range}` });
    return z.NEVER;
  });
const positiveInt = (fallback: number) => wholeNumber(1, fallback);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a URL such as http://127.0.0.1:11434/v1' });
const url = (fallback: string) => z.preprocess(unsetIfEmpty, httpUrl.default(fallback));
// The scheme is checked too: `localhost:6379` parses as a URL with the scheme "localhost:".
const optionalUrl = (example: string, protocol: RegExp) =>
  z.preprocess(unsetIfEmpty, z.url({ protocol, error: `must be a URL such as ${example}` }).optional());
const list = (fallback: string) =>
  z.preprocess(unsetIfEmpty, z.string().default(fallback)).transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const money = z.preprocess(
  unsetIfEmpty,
  z.coerce.number({ error: 'must be an amount in USD such as 2.50' }).min(0, 'must not be negative').default(0),
);
const onOff = (fallback: 'on' | 'off') =>
  z
    .preprocess(unsetIfEmpty, z.enum(['on', 'off'], { error: 'must be on or off' }).default(fallback))
    .transform((value) => value === 'on');
const required = (what: string) =>
  z.preprocess(unsetIfEmpty, z.string({ error: 'is missing' }).trim().regex(/.+/, what));

const engineShape = {
  OPENAI_API_KEY: required('is missing'),
  OPENAI_BASE_URL: url('https://api.openai.com/v1'),
  OPENAI_MODEL: z.preprocess(unsetIfEmpty, z.string().trim().default('gpt-4o-mini')),
  JUDGE_MODEL: optionalText,
  LLM_TIMEOUT_MS: positiveInt(60_000),
  LLM_MAX_RETRIES: wholeNumber(0, 2, 10),
  LLM_CONCURRENCY: positiveInt(16),
  PIPELINE_TIMEOUT_MS: positiveInt(180_000),
  JSON_MODE: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['json_schema', 'json_object', 'off'], { error: 'must be json_schema, json_object or off' })
      .default('json_schema'),
  ),
  PROMPTS_DIR: z.preprocess(unsetIfEmpty, z.string().default('prompts')),
  COMPARE_PIPELINES: list('plain,cot,rules,constitution'),
  DEFAULT_PIPELINE: z.preprocess(unsetIfEmpty, z.string().trim().default('plain')),
};

const discordShape = {
  DISCORD_TOKEN: required('is missing'),
  DISCORD_CLIENT_ID: z.preprocess(
    unsetIfEmpty,
    z
      .string({ error: 'is missing' })
      .trim()
      .regex(/^\d{5,25}$/, 'must be the numeric application id'),
  ),
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_GUILD_ID: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d{5,25}$/, 'must be a numeric server id')
      .optional(),
  ),
};

/** Where votes and comparisons live: all that offline tools such as `npm run export` need. */
const storageShape = {
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('data')),
  REDIS_URL: optionalUrl('redis://127.0.0.1:6379', /^rediss?$/),
  POSTGRES_URL: optionalUrl('postgresql://user@127.0.0.1:5432/dialoglab', /^postgres(ql)?$/),
  // Same rule as the store's own check: literal in SQL LIKE patterns and Redis SCAN globs, no ':'.
  STORE_KEY_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. dialog-lab-staging')
      .optional(),
  ),
  // The dataset card's licence (`npm run export -- --card`); --license overrides it. Empty = give --license.
  EXPORT_LICENSE: z.preprocess(unsetIfEmpty, HfLicenseSchema.optional()),
};

/** A TCP port, or undefined when empty (the feature is off). */
function optionalPort(feature: string) {
  return z.preprocess(unsetIfEmpty, z.string().optional()).transform((value, context) => {
    if (value === undefined) return undefined;
    if (/^\s*\d+\s*$/.test(value) && Number(value) >= 1 && Number(value) <= 65_535) return Number(value);
    context.addIssue({
      code: 'custom',
      message: `must be a port number from 1 to 65535, or empty to turn ${feature} off`,
    });
    return z.NEVER;
  });
}

const botShape = {
  ...engineShape,
  ...discordShape,
  ...storageShape,
  VOTER_HASH_SALT: optionalText,
  CHAT_HISTORY_DEPTH: wholeNumber(0, 10, 50),
  CHAT_HISTORY_TOKENS: positiveInt(3000),
  CHAT_THREADS: onOff('off'),
  IMAGE_INPUT: onOff('on'),
  MESSAGE_LAYOUT: z.preprocess(
    unsetIfEmpty,
    z.enum(['embeds', 'components-v2'], { error: 'must be components-v2 or embeds' }).default('components-v2'),
  ),
  TEXT_FILE_MAX_BYTES: wholeNumber(0, 100_000, 10_000_000),
  COMPARES_PER_HOUR: wholeNumber(0, 20),
  ANSWERS_PER_HOUR: wholeNumber(0, 60),
  VOTES_PER_DAY: wholeNumber(0, 0),
  DAILY_COST_CAP_USD: money,
  RETENTION_DAYS: wholeNumber(0, 0),
  RECONCILE_DAYS: wholeNumber(0, 7),
  // Discord allows a bot 50 requests a second in all; reconciliation takes a fifth by default and always leaves 10.
  RECONCILE_REQUESTS_PER_SECOND: wholeNumber(1, 10, 40),
  SHARDS: z
    .preprocess(unsetIfEmpty, z.string().trim().optional())
    .transform((value, context): 'auto' | number | undefined => {
      if (value === undefined) return undefined;
      if (value === 'auto') return 'auto';
      if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000) return Number(value);
      context.addIssue({
        code: 'custom',
        message: 'must be auto or a number of shards from 1 to 1000, or empty for one process without sharding',
      });
      return z.NEVER;
    }),
  // This machine's part of a bot sharded over several machines: "0-7", "8-15" or "0,2,4-6" out of SHARD_COUNT.
  SHARD_IDS: z
    .preprocess(unsetIfEmpty, z.string().trim().optional())
    .transform((value, context): number[] | undefined => {
      if (value === undefined) return undefined;
      const ids = value.split(',').flatMap((part) => {
        const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
        if (!range) return [Number.NaN];
        const [first, last] = [Number(range[1]), Number(range[2] ?? range[1])];
        return first <= last && last - first < 10_000
          ? Array.from({ length: last - first + 1 }, (_, index) => first + index)
          : [Number.NaN];
      });
      if (ids.every(Number.isInteger) && new Set(ids).size === ids.length) return ids;
      context.addIssue({
        code: 'custom',
        message: `must list shard ids and ranges such as 0-7 or 0,2,4-6, each once (got ${JSON.stringify(value)})`,
      });
      return z.NEVER;
    }),
  SHARD_COUNT: wholeNumber(0, 0, 100_000), // 0: not set
  DUTY_LEASE_MS: wholeNumber(1_000, 40_000, 3_600_000),
  METRICS_PORT: optionalPort('metrics'),
  // This machine only unless the operator opens it: /metrics and the page have no authentication.
  METRICS_HOST: z.preprocess(unsetIfEmpty, z.string().trim().default('127.0.0.1')),
  WEB_PORT: optionalPort('the leaderboard page'),
  WEB_HOST: z.preprocess(unsetIfEmpty, z.string().trim().default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }).default('info'),
  ),
};

export const EngineEnv = z.object(engineShape);
export const BotEnv = z.object(botShape);
/** What `npm run deploy-commands` needs: Discord only, no model server. */
export const DeployEnv = z.object(discordShape);
/** What `npm run export` needs: the store only, no Discord and no model server. */
export const StorageEnv = z.object(storageShape);
/** What `npm run card` needs: the store, and the prompts and model names a pipeline's version is hashed from (no key). */
export const CardEnv = z.object({
  ...storageShape,
  OPENAI_MODEL: engineShape.OPENAI_MODEL,
  JUDGE_MODEL: engineShape.JUDGE_MODEL,
  PROMPTS_DIR: engineShape.PROMPTS_DIR,
});
export type EngineSettings = Readonly<z.infer<typeof EngineEnv>>;
export type BotSettings = Readonly<z.infer<typeof BotEnv>>;
export type DeploySettings = Readonly<z.infer<typeof DeployEnv>>;
export type StorageSettings = Readonly<z.infer<typeof StorageEnv>>;
export type CardSettings = Readonly<z.infer<typeof CardEnv>>;

const hints: Record<string, string> = {
  OPENAI_API_KEY: 'copy .env.example to .env and set your API key (any non-empty text for Ollama or vLLM)',
  DISCORD_TOKEN: 'copy .env.example to .env and paste the bot token from the Discord Developer Portal (Bot tab)',
  DISCORD_CLIENT_ID: 'paste the Application ID from the Developer Portal (General Information)',
};

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

// Values never repeated in a message; other values are, so the operator sees what could not be read.
const secrets = new Set(['DISCORD_TOKEN', 'OPENAI_API_KEY', 'VOTER_HASH_SALT']);

/** ` (got "…")` for a value that was set and is not a secret; a user and password before an `@` are masked. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '' || secrets.has(name)) return '';
  return ` (got ${JSON.stringify(value.replace(/[^/\s]*@/, '…@'))})`;
}

function parse<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): Readonly<z.infer<T>> {
  const result = schema.safeParse(env);
  if (result.success) return Object.freeze(result.data);
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const hint = hints[name];
    return `${name} ${issue.message}${shownValue(name, env[name])}${hint ? `: ${hint}` : ''}`;
  });
  throw new ConfigError(problems);
}

export const loadEngineSettings = (env: Record<string, string | undefined>): EngineSettings => parse(EngineEnv, env);
export const loadStorageSettings = (env: Record<string, string | undefined>): StorageSettings => parse(StorageEnv, env);
export const loadCardSettings = (env: Record<string, string | undefined>): CardSettings => parse(CardEnv, env);
export const loadBotSettings = (env: Record<string, string | undefined>): BotSettings => parse(BotEnv, env);
export const loadDeploySettings = (env: Record<string, string | undefined>): DeploySettings => parse(DeployEnv, env);
