// `npm run categorize` as an operator runs it: a real process on a SQLite store holding comparisons from before
// categories, asking the fake model server. It counts first with --dry-run (nothing asked, nothing written), then
// gives each uncategorised comparison its category with progress on stderr, leaves those that have one (and those
// whose prompt was deleted) alone, and a second run finds nothing left to do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openData } from '../../src/app/open-data.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { runCli } from '../fixtures/run-cli.ts';

const quiet = { info: () => {}, warn: () => {} };
let workDir: string;
let fake: FakeOpenAI;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cli-categorize-'));
  fake = await startFakeOpenAI();
  // The judge says maths for a prompt with digits; it fails on anything else, so the patterns decide there.
  fake.respond((request) =>
    kindOf(request) !== 'category'
      ? { status: 400 }
      : /\d/.test(request.user)
        ? { text: '{"category": "maths"}' }
        : { status: 500 },
  );
});
afterEach(async () => {
  await fake.close();
  await rm(workDir, { recursive: true, force: true });
});

async function categorize(args: string[] = []) {
  const env = {
    DATA_DIR: path.join(workDir, 'data'),
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.baseURL,
    LLM_MAX_RETRIES: '0',
    PROMPTS_DIR: path.resolve('prompts'),
  };
  const result = await runCli('categorize', args, { env, cwd: workDir });
  expect(result.stderr).not.toMatch(/Error|Cannot categorize/);
  expect(result.code).toBe(0);
  return result;
}

async function seedStore() {
  const data = await openData({ dataDir: path.join(workDir, 'data') }, quiet);
  const stored = (id: string, prompt: string | null, category?: { id: string; source: 'judge' | 'rules' }) => {
    const record = aStoredComparison({
      id,
      status: 'done',
      conversation: prompt === null ? [] : [{ role: 'user', content: prompt }],
      ...(category === undefined ? {} : { category }),
    });
    record.slots[0]!.result = aResult('plain');
    return data.comparisons.save(record);
  };
  await stored('sum', 'What is 12 + 30?');
  await stored('greeting', 'hello, how are you today?');
  await stored('known', 'Fix my SQL query', { id: 'code', source: 'judge' });
  await stored('forgotten', null);
  await data.store.close();
}

async function categories() {
  const data = await openData({ dataDir: path.join(workDir, 'data') }, quiet);
  const found: Record<string, unknown> = {};
  for await (const ballot of data.comparisons.allBallots()) found[ballot.id] = ballot.category ?? null;
  await data.store.close();
  return found;
}

describe('npm run categorize', () => {
  it('backfills the comparisons without a category, once', { timeout: 60_000 }, async () => {
    await seedStore();

    const dry = await categorize(['--dry-run']);
    expect(dry.stdout).toContain(
      'Would categorize 2 comparisons (dry run: nothing asked or written); 1 already had one; 1 without a stored prompt count as other.',
    );
    expect(fake.requests).toHaveLength(0);
    expect((await categories()).sum).toBeNull();

    const run = await categorize();
    expect(run.stderr).toMatch(/^1\/2 categorized \(judge \d, patterns \d\)/m);
    expect(run.stderr).toMatch(/^2\/2 categorized \(judge 1, patterns 1\)/m);
    expect(run.stdout).toMatch(
      /^Categorized 2 comparisons \((maths 1, chit-chat 1|chit-chat 1, maths 1)\): 1 by the judge, 1 by the patterns; \d+ tokens, \$0\.\d+\. 1 already had one/,
    );
    expect(await categories()).toEqual({
      sum: { id: 'maths', source: 'judge' },
      greeting: { id: 'chit-chat', source: 'rules' },
      known: { id: 'code', source: 'judge' },
      forgotten: null,
    });

    const asked = fake.requests.length;
    const again = await categorize();
    expect(again.stdout).toContain('Categorized 0 comparisons: 0 by the judge, 0 by the patterns');
    expect(again.stdout).toContain('3 already had one');
    expect(fake.requests).toHaveLength(asked);
  });
});
