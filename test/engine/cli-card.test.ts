// `npm run card -- cot` as a user runs it in a checkout: a real npm script in a folder holding the project (its
// package.json, src, prompts) and a store with votes, but no .env, no model key and no eval results yet. The card
// is written to cards/, its sections without data say so and what to run, and mistakes print the usage.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TechniqueCardSchema } from '../../src/cards/technique-card.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { pipelineVersion } from '../../src/engine/pipeline-version.ts';
import { seedCardVotes } from '../fixtures/seeded-card-votes.ts';

let workDir: string;
let cotVersion: string;

/** npm as the user has it, running the scripts with this Node (the machine's default may be too old). */
async function npmRun(args: string[]) {
  const env = {
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? workDir,
  };
  return promisify(execFile)('npm', ['run', '--silent', ...args], { cwd: workDir, env, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cli-card-'));
  for (const entry of ['package.json', 'src', 'prompts', 'node_modules'])
    await symlink(path.resolve(entry), path.join(workDir, entry));
  const catalog = await loadCatalog('prompts');
  const models = { generator: 'gpt-4o-mini', judge: 'gpt-4o-mini' };
  const versions = new Map(
    [...catalog.pipelines.values()].map((pipeline) => [pipeline.id, pipelineVersion(pipeline, catalog, models)]),
  );
  cotVersion = versions.get('cot')!;
  await seedCardVotes(path.join(workDir, 'data'), versions, { comparisons: 12, seed: 3 });
}, 60_000);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('npm run card', () => {
  it('writes the card of cot as JSON, Markdown and PNG, saying plainly which sections have no data yet', async () => {
    const { code, stdout, stderr } = await npmRun(['card', '--', 'cot']);
    expect(stderr).toContain('Reading the sqlite store');
    expect(code).toBe(0);
    const stem = `cot-${cotVersion.slice(0, 8)}`;
    expect(stdout.trim().split('\n')).toEqual([
      `wrote cards/${stem}.json`,
      `wrote cards/${stem}.md`,
      `wrote cards/${stem}.png`,
    ]);
    expect((await readdir(path.join(workDir, 'cards'))).sort()).toEqual([`${stem}.json`, `${stem}.md`, `${stem}.png`]);
    const card = TechniqueCardSchema.parse(
      JSON.parse(await readFile(path.join(workDir, 'cards', `${stem}.json`), 'utf8')),
    );
    expect(card.pipeline).toMatchObject({ id: 'cot', label: 'Chain of thought', version: cotVersion });
    expect(card.pipeline.steps.map((step) => `${step.id} (${step.kind})`)).toEqual([
      'reason (generate)',
      'answer (extract)',
    ]);
    expect(card.rating.status).toBe('measured');
    expect(card.scope).toBe('all servers');

    const markdown = await readFile(path.join(workDir, 'cards', `${stem}.md`), 'utf8');
    expect(markdown).toContain(`# Chain of thought (\`cot\` @ ${cotVersion.slice(0, 8)})`);
    expect(markdown).toContain("Let's think step by step");
    expect(markdown).toContain(
      '## Safety\n\n_No data: no safety eval run yet — run `npm run eval -- --suite safety --pipelines cot`._',
    );
    expect(markdown).toContain(
      '## Reasoning\n\n_No data: no reasoning eval run yet — run `npm run eval -- --suite reasoning --pipelines cot`._',
    );
    expect(markdown).toContain(
      '## Judge–human agreement\n\n_No data: no judge–human agreement run yet — run `npm run agreement`._',
    );
    expect(markdown).not.toMatch(/NaN|undefined/);
    const png = PNG.sync.read(await readFile(path.join(workDir, 'cards', `${stem}.png`)));
    expect(png.width).toBeGreaterThan(100);
  }, 60_000);

  it('writes every pipeline’s card with --all into --out', async () => {
    const { code, stdout } = await npmRun(['card', '--', '--all', '--out', 'all-cards']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(7 * 3);
    expect(await readdir(path.join(workDir, 'all-cards'))).toHaveLength(7 * 3);
  }, 60_000);

  it('counts one server’s votes and lists its experiments only with --guild', async () => {
    const { code } = await npmRun(['card', '--', 'plain', '--guild', 'guild-2', '--out', 'guild-2']);
    expect(code).toBe(0);
    const [file] = (await readdir(path.join(workDir, 'guild-2'))).filter((name) => name.endsWith('.json'));
    const card = TechniqueCardSchema.parse(JSON.parse(await readFile(path.join(workDir, 'guild-2', file!), 'utf8')));
    expect(card.scope).toBe('server guild-2');
    expect(card.rating).toMatchObject({ status: 'missing' });
    if (card.rating.status === 'missing')
      expect(card.rating.reason).toMatch(/^no counted votes on plain at version \w{8} from server guild-2 yet/);
    expect(card.experiments).toMatchObject({
      status: 'measured',
      rows: [{ name: 'rules vs plain', status: 'running' }],
    });
  }, 60_000);

  it('explains a missing or unknown pipeline without a stack trace', async () => {
    const none = await npmRun(['card']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Say which pipeline, e.g. cot, or --all.');
    expect(none.stderr).toContain('Usage: npm run card');
    const unknown = await npmRun(['card', '--', 'cots']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no pipeline called "cots". Available:');
    expect(unknown.stderr).not.toContain('    at ');
    const both = await npmRun(['card', '--', 'cot', '--all']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give either --all or pipeline names, not both.');
  }, 60_000);
});
