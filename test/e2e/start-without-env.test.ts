// A new user runs `npm start` before creating .env, or with a DISCORD_API_URL nothing answers on: the bot exits
// quickly with a message naming every missing setting, or the URL it could not reach, and no stack trace.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const mainFile = path.resolve('src/main.ts');

describe('npm start without .env', () => {
  it('exits non-zero within seconds, naming each missing variable', async () => {
    const emptyDir = await mkdtemp(path.join(tmpdir(), 'no-env-'));
    try {
      const failure = await promisify(execFile)(process.execPath, [mainFile], {
        cwd: emptyDir, // no .env here
        env: { PATH: process.env.PATH ?? '' },
        timeout: 15_000,
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('DISCORD_TOKEN is missing');
      expect(failure?.stderr).toContain('DISCORD_CLIENT_ID is missing');
      expect(failure?.stderr).toContain('OPENAI_API_KEY is missing');
      expect(failure?.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('npm start with Discord unreachable', () => {
  it('names the Discord API URL it could not reach, without a stack trace', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'no-discord-'));
    const apiUrl = 'http://127.0.0.1:9/api'; // port 9 (discard): nothing listens there
    try {
      const failure = await promisify(execFile)(process.execPath, [mainFile], {
        cwd: dataDir,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: 'MTIz.fake.token',
          DISCORD_CLIENT_ID: '123456789012345678',
          OPENAI_API_KEY: 'sk-test',
          DISCORD_API_URL: apiUrl,
          DATA_DIR: dataDir,
          PROMPTS_DIR: path.resolve('prompts'),
        },
        timeout: 15_000,
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`Cannot start: could not connect to Discord at ${apiUrl} (ECONNREFUSED)`);
      expect(failure?.stderr).not.toMatch(/\n\s+at /);
      expect(failure?.stderr).not.toContain('MTIz.fake.token');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 20_000);
});
