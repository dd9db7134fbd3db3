// `npm run eval` as a user runs it: a real process, the real engine, a fake model server.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { evalScript } from '../fixtures/eval-script.ts';
import { runCli } from '../fixtures/run-cli.ts';

let fake: FakeOpenAI;
let folder: string;

const evalCli = (args: string[]) =>
  runCli('eval', args, {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0' },
    timeoutMs: 120_000,
  });

const rightAnswer = (prompt: string) => {
  const numbers = (prompt.match(/\d+/g) ?? []).map(Number);
  return `I think it is ${numbers[0] ?? 0}.`;
};

beforeEach(async () => {
  fake = await startFakeOpenAI();
  fake.respond(evalScript({ plain: rightAnswer }));
  folder = await mkdtemp(path.join(tmpdir(), 'cli-eval-'));
});
afterEach(async () => {
  await fake.close();
});

describe('npm run eval', () => {
  it('writes the JSON report, Markdown and a chart, and a rerun of the same run reports no change', async () => {
    const [json, markdown, chart, log] = ['report.json', 'table.md', 'chart.png', 'log.jsonl'].map((name) =>
      path.join(folder, name),
    ) as [string, string, string, string];
    const first = await evalCli([
      '--suite',
      'reasoning',
      '--pipelines',
      'plain',
      '--limit',
      '5',
      '--json',
      json,
      '--markdown',
      markdown,
      '--chart',
      chart,
      '--log',
      log,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('**reasoning suite** on `prompts/eval/arithmetic.jsonl` (5 of 100 items × 1');
    expect(first.stdout).toContain('Published GSM8K figures for reference (from the papers, not measured here)');
    const report = JSON.parse(await readFile(json, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ suite: 'reasoning', set: { path: 'prompts/eval/arithmetic.jsonl', items: 100 } });
    expect(report.set).toHaveProperty('sha256', expect.stringMatching(/^[0-9a-f]{64}$/));
    expect(report.pipelines).toEqual([
      expect.objectContaining({
        id: 'plain',
        version: expect.stringMatching(/^[0-9a-f]{12}$/),
        accuracy: expect.objectContaining({
          n: 5,
          correct: expect.any(Number),
          rate: expect.any(Number),
          ci: [expect.any(Number), expect.any(Number)],
        }),
      }),
    ]);
    expect(await readFile(markdown, 'utf8')).toContain('| plain |');
    expect((await stat(chart)).size).toBeGreaterThan(1000);

    const again = await evalCli(['--rerun', json, '--log', path.join(folder, 'rerun.jsonl'), '--chart', chart]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Compared with ${json}:\nNo changes`);

    fake.respond(evalScript({ plain: () => 'I give up.' }));
    const changed = await evalCli(['--rerun', json, '--log', path.join(folder, 'rerun2.jsonl'), '--chart', chart]);
    expect(changed.stdout).toMatch(/5 change\(s\): 5 classification/);
    expect(changed.stdout).toMatch(/- item 1 · plain #1: classification: (right|wrong) \(\d+\) → wrong \(no number\)/);
  }, 60_000);

  it('runs the safety suite on the shipped set and draws the frontier chart', async () => {
    const chart = path.join(folder, 'frontier.png');
    const result = await evalCli([
      '--suite',
      'safety',
      '--pipelines',
      'plain',
      '--limit',
      '4',
      '--chart',
      chart,
      '--log',
      path.join(folder, 'safety.jsonl'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Judge and string match agree on 4 of 4 answers');
    expect((await stat(chart)).size).toBeGreaterThan(1000);
  }, 60_000);

  it('explains a usage mistake and exits with 2 before calling the model', async () => {
    const result = await evalCli(['--suite', 'maths']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--suite must be safety or reasoning');
    expect(result.stderr).toContain('Usage: npm run eval');
    const missing = await evalCli(['--suite', 'safety', '--set', path.join(folder, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the set file');
    expect(fake.requests).toHaveLength(0);
  }, 30_000);
});
