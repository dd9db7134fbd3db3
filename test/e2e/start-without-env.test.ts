// A new user runs `npm start` before creating .env: the bot exits quickly with a message naming
// every missing setting and nothing else (no stack trace).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const mainFile = path.resolve('src/main.ts');

describe('npm start without .env', () => {
  it('exits non-zero within seconds, naming each missing variable', async () => {
    const emptyDir = await mkdtemp(path.join(tmpdir(), 'no-env-'));
    try {
      const failure = await promisify(execFile)(process.execPath, ['--import', tsxLoader, mainFile], {
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
