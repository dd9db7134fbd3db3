// The terminal front end as a user runs it: a real process, the real engine, a fake model server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { kindOf, techniqueScript } from '../fixtures/technique-script.ts';

let fake: FakeOpenAI;

const compare = (args: string[], env: Record<string, string> = {}) =>
  runCli('compare', args, {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0', COLUMNS: '160', ...env },
    timeoutMs: 120_000,
  });

beforeEach(async () => {
  fake = await startFakeOpenAI({ models: ['gpt-4o-mini', 'model-one', 'model-two'] });
  const script = techniqueScript({ extracted: 'Four.' });
  fake.respond((request, index) => (kindOf(request) === 'answer' ? { text: 'Plainly four.' } : script(request, index)));
});
afterEach(async () => {
  await fake.close();
});

describe('npm run compare', () => {
  it('prints every pipeline’s answer with its figures, and progress on stderr', async () => {
    const { code, stdout, stderr } = await compare(['--pipelines', 'plain,cot', 'What is 2+2?']);
    expect(code).toBe(0);
    expect(stdout).toContain('Plain (plain)');
    expect(stdout).toContain('Chain of thought (cot)');
    expect(stdout).toContain('Plainly four.');
    expect(stdout).toContain('Four.');
    expect(stdout).toMatch(/2 calls · \d+ tok · \$0\.\d+/);
    expect(stderr).toMatch(/cot\s+✓ done/);
  }, 30_000);

  it('prints full traces as JSON with --json', async () => {
    const { code, stdout } = await compare(['--json', '--pipelines', 'cot', 'What is 2+2?']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { results: Array<{ trace: Array<{ step: string; outputText: string }> }> };
    expect(parsed.results[0]?.trace.map((step) => step.step)).toEqual(['reason', 'answer']);
  }, 30_000);

  it('crosses the pipelines with --models: every pipeline runs once on each model, named with its model', async () => {
    const { code, stdout, stderr } = await compare([
      '--json',
      '--pipelines',
      'plain,cot',
      '--models',
      'model-one,model-two',
      'What is 2+2?',
    ]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as {
      runs: Array<{ pipelineId: string; model: string }>;
      results: Array<{ pipelineId: string; status: string; trace: Array<{ model: string }> }>;
    };
    expect(parsed.runs.map((run) => `${run.pipelineId} · ${run.model}`)).toEqual([
      'plain · model-one',
      'plain · model-two',
      'cot · model-one',
      'cot · model-two',
    ]);
    parsed.results.forEach((result, index) => {
      expect(result).toMatchObject({ pipelineId: parsed.runs[index]?.pipelineId, status: 'ok' });
      expect(new Set(result.trace.map((step) => step.model))).toEqual(new Set([parsed.runs[index]?.model]));
    });
    for (const run of parsed.runs) expect(stderr).toMatch(new RegExp(`${run.pipelineId} · ${run.model}\\s+✓ done`));
  }, 30_000);

  it('names a model the server does not serve, before any call, and exits 2', async () => {
    const { code, stderr } = await compare(['--pipelines', 'plain,cot', '--models', 'model-one,model-nine', 'hi']);
    expect(code).toBe(2);
    expect(stderr).toContain('The model server does not serve `model-nine`.');
    expect(fake.requests).toHaveLength(0);
  }, 30_000);

  it('shows the failing pipeline’s reason next to the others’ answers', async () => {
    fake.respond((request) => (kindOf(request) === 'answer' ? { text: 'Plainly four.' } : { status: 401 }));
    const { code, stdout } = await compare(['--pipelines', 'plain,cot', 'hi']);
    expect(code).toBe(0);
    expect(stdout).toContain('Plainly four.');
    expect(stdout).toMatch(/error: .*API key/);
    expect(stdout).not.toContain('sk-test');
  }, 30_000);

  it('names an unknown pipeline and exits non-zero', async () => {
    const { code, stderr } = await compare(['--pipelines', 'plain,nope', 'hi']);
    expect(code).toBe(2);
    expect(stderr).toContain('There is no pipeline called "nope"');
  }, 30_000);

  it('names the missing API key', async () => {
    const { code, stderr } = await compare(['hi'], { OPENAI_API_KEY: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('OPENAI_API_KEY is missing');
  }, 30_000);

  it('prints the usage for an unknown option, without a stack trace', async () => {
    const { code, stderr } = await compare(['--pipline', 'cot', 'hi']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--pipline'");
    expect(stderr).toContain('Usage: npm run compare');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
