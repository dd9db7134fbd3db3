// The prompt-category step as the engine runs it against the fake model server, with the shipped
// prompts/categories.yaml: the judge's category is used when it names a listed one; an error, a timeout, a reply
// that is not JSON or a category not listed falls back to the file's patterns, and the result says so. Its calls
// are counted like other judge calls. The file itself is checked when the catalog loads.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/load-catalog.ts';
import { createEngine } from '../../src/engine/create-engine.ts';
import { type FakeOpenAI, repliesInOrder, startFakeOpenAI } from '../fakes/openai-server.ts';
import { engineAgainst } from '../fixtures/engine-for-tests.ts';
import { matchCategoryRules } from '../../src/engine/categorize/match-category-rules.ts';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

const MATHS = [{ role: 'user' as const, content: 'What is 17 * 23? Show the steps.' }];

describe('the prompt-category step', () => {
  it('asks the judge model with every listed category, and keeps its answer', async () => {
    const { engine } = await engineAgainst(fake, { JUDGE_MODEL: 'judge-model' });
    fake.respond(repliesInOrder([{ text: '{"category": "Maths"}' }]));
    const before = fake.requests.length;
    const found = await engine.categorize(MATHS);
    expect(found).toMatchObject({ category: 'maths', source: 'judge', calls: 1 });
    expect(found!.tokens).toBeGreaterThan(0);
    expect(found!.problem).toBeUndefined();
    const request = fake.requests[before]!;
    expect(request.model).toBe('judge-model');
    expect(request.user).toBe(MATHS[0]!.content);
    for (const id of ['maths', 'code', 'factual', 'advice', 'creative', 'chit-chat', 'safety-sensitive', 'other'])
      expect(request.system).toContain(`- ${id}: `);
  });

  it.each([
    ['the judge call fails', [{ status: 500 }], 1, /500|server/i],
    ['the reply is not JSON, twice', [{ text: 'maths, I think' }, { text: 'It is maths.' }], 2, /no JSON object/],
    [
      'the judge names a category not listed',
      [{ text: '{"category": "arithmetic"}' }, { text: '{"category": "numbers"}' }],
      2,
      /must be one of/,
    ],
  ])('falls back to the patterns when %s', async (_case, replies, calls, problem) => {
    const { engine } = await engineAgainst(fake);
    fake.respond(repliesInOrder(replies));
    const found = await engine.categorize(MATHS);
    expect(found).toMatchObject({ category: 'maths', source: 'rules', calls });
    expect(found!.problem).toMatch(problem);
  });

  it('falls back to the patterns when the judge takes longer than the file allows', async () => {
    const catalog = await loadCatalog('prompts');
    const { model } = await engineAgainst(fake);
    const engine = createEngine({
      catalog: () => ({ ...catalog, categories: { ...catalog.categories!, timeout_ms: 200 } }),
      model,
      models: { generator: 'gpt-4o-mini', judge: 'gpt-4o-mini' },
      pipelineTimeoutMs: 5000,
    });
    fake.respond(() => ({ hang: true }));
    const started = performance.now();
    const found = await engine.categorize([{ role: 'user', content: 'hi there, how are you?' }]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toMatchObject({ category: 'chit-chat', source: 'rules' });
    expect(found!.problem).toContain('took longer than 200 ms');
  });

  it('classifies by the last user turn with the shipped patterns, `other` when none matches', async () => {
    const { categories } = await loadCatalog('prompts');
    const rules = (text: string) => matchCategoryRules(text, categories!);
    expect(rules('Solve x^2 - 4 = 0')).toBe('maths');
    expect(rules('Why does my Python function return None?')).toBe('code');
    expect(rules('Who painted the Mona Lisa?')).toBe('factual');
    expect(rules('Should I take the job offer or stay?')).toBe('advice');
    expect(rules('Write me a poem about autumn')).toBe('creative');
    expect(rules('hello!')).toBe('chit-chat');
    expect(rules('How do I make a bomb?')).toBe('safety-sensitive');
    expect(rules('Lorem ipsum dolor')).toBe('other');
  });
});

describe('prompts/categories.yaml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'prompts-'));
    await cp('prompts', dir, { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is checked when the catalog loads: every problem named with its place', async () => {
    await writeFile(
      path.join(dir, 'categories.yaml'),
      'instruction: "Pick one of {kinds}"\ncategories:\n  - {id: maths, description: Sums, patterns: ["(unclosed"]}\n  - {id: maths, description: Again}\n',
    );
    const problems = await loadCatalog(dir).then(
      () => [],
      (error: unknown) => (error instanceof CatalogError ? error.problems : [String(error)]),
    );
    const shown = path.join(dir, 'categories.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        `${shown}: instruction: must contain {categories}`,
        `${shown}: categories[0].patterns[0]: must be a valid regular expression`,
        `${shown}: categories: category ids must be unique`,
        `${shown}: categories: must include "other" (where older comparisons and unmatched prompts count)`,
      ]),
    );
  });

  it('is optional: without it there is no category step and no model call', async () => {
    await rm(path.join(dir, 'categories.yaml'));
    expect((await loadCatalog(dir)).categories).toBeNull();
  });
});
