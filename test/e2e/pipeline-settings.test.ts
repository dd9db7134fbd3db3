// Settings that name a pipeline are checked where an operator sees them: a typo in .env stops `npm start` with
// a message naming the variable and the known pipelines, and moving away a pipeline file that a server's
// /config uses is refused while the bot runs, so /compare keeps working there.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServices } from '../../src/app/build-services.ts';
import { ConfigError, loadBotSettings } from '../../src/config/env.ts';
import type { Logger } from '../../src/base/logger.ts';
import { eventually } from '../fixtures/eventually.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pipeline-settings-'));
  await cp('prompts', path.join(root, 'my-prompts'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const baseEnv = () => ({
  DISCORD_TOKEN: 'token',
  DISCORD_CLIENT_ID: '123456789012345678',
  OPENAI_API_KEY: 'sk-test',
  DATA_DIR: path.join(root, 'data'),
  PROMPTS_DIR: path.join(root, 'my-prompts'),
});

describe('pipeline settings', () => {
  it('npm start refuses DEFAULT_PIPELINE and COMPARE_PIPELINES naming unknown pipelines, and says which exist', async () => {
    const failure = await promisify(execFile)(process.execPath, [path.resolve('src/main.ts')], {
      cwd: root, // no .env here
      env: {
        PATH: process.env.PATH ?? '',
        ...baseEnv(),
        DEFAULT_PIPELINE: 'nope',
        COMPARE_PIPELINES: 'plain,cot-typo',
      },
      timeout: 15_000,
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    const folder = path.join(root, 'my-prompts', 'pipelines', '/');
    const known = 'best-of-n, constitution, cot, few-shot, plain, rules, self-consistency';
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      `DEFAULT_PIPELINE names "nope", which is not a pipeline in ${folder} (known: ${known})`,
    );
    expect(failure?.stderr).toContain(
      `COMPARE_PIPELINES names "cot-typo", which is not a pipeline in ${folder} (known: ${known})`,
    );
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  }, 20_000);

  it('rejects the same mistake when services are built in-process', async () => {
    const settings = loadBotSettings({ ...baseEnv(), DEFAULT_PIPELINE: 'nope' });
    await expect(buildServices(settings, { info: () => {}, warn: () => {}, error: () => {} })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });

  it('keeps a pipeline a server uses when its file is moved away, and warns why', async () => {
    const warnings: string[] = [];
    const log: Logger = { info: () => {}, warn: (message) => warnings.push(message), error: () => {} };
    const services = await buildServices(loadBotSettings(baseEnv()), log, { watchPrompts: true });
    try {
      await services.guildConfig.update('111111111111111111', (current) => ({
        ...current,
        comparePipelines: ['plain', 'few-shot'],
      }));
      await rm(path.join(root, 'my-prompts', 'pipelines', 'few-shot.yaml'));
      await eventually(
        () =>
          expect(warnings.join('\n')).toContain(
            `server 111111111111111111's /config compare-pipelines names "few-shot"`,
          ),
        { timeoutMs: 5000 },
      );
      expect(warnings.join('\n')).toContain('keeping the previous version');
      expect(services.engine.pipeline('few-shot').id).toBe('few-shot');
    } finally {
      await services.close();
    }
  });
});
