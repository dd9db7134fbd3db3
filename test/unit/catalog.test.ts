// prompts/ is edited by researchers: the shipped files load, and every mistake is reported with the
// file, the path inside it and the problem, in one go.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdCatalog } from '../../src/catalog/catalog-holder.ts';
import { CatalogError, loadCatalog } from '../../src/catalog/load-catalog.ts';
import { eventually } from '../fixtures/eventually.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'prompts-'));
  await cp('prompts', dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problemsWith(file: string, content: string): Promise<string[]> {
  await writeFile(path.join(dir, file), content);
  try {
    await loadCatalog(dir);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  return [];
}

const constitutionWith = (review: string) => `id: constitution
label: C
description: d
steps:
  - { kind: generate, id: draft }
  - { kind: critique-revise, id: review, ${review}, critique_instruction: "{principle} {draft}", revision_instruction: "{revision_request} {critique}" }
`;

describe('catalog', () => {
  it('loads the shipped pipelines, 16 rules and 12 principles', async () => {
    const catalog = await loadCatalog('prompts');
    expect([...catalog.pipelines.keys()]).toEqual(
      expect.arrayContaining(['plain', 'cot', 'rules', 'constitution', 'best-of-n', 'few-shot', 'self-consistency']),
    );
    expect(catalog.ruleSets.get('default')?.rules).toHaveLength(16);
    expect(catalog.constitutions.get('default')?.principles).toHaveLength(12);
    expect(catalog.system).toContain('assistant');
  });

  it('names file, path, limit and value for an out-of-range setting', async () => {
    expect(await problemsWith('pipelines/constitution.yaml', constitutionWith('rounds: 9'))).toEqual([
      `${dir}/pipelines/constitution.yaml: steps[1].rounds: must be at most 8 (got 9)`,
    ]);
  });

  it('rejects a misspelt key instead of silently using the default', async () => {
    const problems = await problemsWith(
      'pipelines/plain.yaml',
      'id: plain\nlabel: P\ndescription: d\nsteps:\n  - { kind: generate, id: answer, temprature: 0.2 }\n',
    );
    expect(problems).toEqual([`${dir}/pipelines/plain.yaml: steps[0]: unknown key "temprature" (check the spelling)`]);
  });

  it('loads the memory step, and reports its mistakes with file and path', async () => {
    expect((await loadCatalog('prompts')).memory?.recall.k).toBe(5);
    const problems = await problemsWith(
      'memory.yaml',
      'extract:\n  max_facts: 50\n  instruction: Note facts.\nrecall:\n  k: 3\n  heading: Known\n  limit: 2\n',
    );
    expect(problems).toEqual([
      `${path.join(dir, 'memory.yaml')}: extract.max_facts: must be at most 20 (got 50)`,
      `${path.join(dir, 'memory.yaml')}: recall: unknown key "limit" (check the spelling)`,
    ]);
  });

  it('switches memory off when prompts/ has no memory.yaml', async () => {
    await rm(path.join(dir, 'memory.yaml'));
    expect((await loadCatalog(dir)).memory).toBeNull();
  });

  it('loads the vote-hygiene lists, and names a bad reason tag or leak marker with file and path', async () => {
    const shipped = await loadCatalog('prompts');
    expect(shipped.leakMarkers.phrases).toContain("Let's think step by step");
    expect(shipped.reasonTags?.tags.map((tag) => tag.id)).toContain('over-refused');
    expect(
      await problemsWith('reason-tags.yaml', 'tags:\n  - {id: Helpful, label: Helpful}\n  - {id: clear, label: ""}\n'),
    ).toEqual([
      `${dir}/reason-tags.yaml: tags[0].id: use lower-case words joined by dashes`,
      `${dir}/reason-tags.yaml: tags[1].label: must not be empty`,
    ]);
    await cp('prompts/reason-tags.yaml', path.join(dir, 'reason-tags.yaml'));
    expect(await problemsWith('leak-markers.yaml', 'phrase:\n  - Critique:\n')).toEqual([
      `${dir}/leak-markers.yaml: (top level): unknown key "phrase" (check the spelling)`,
    ]);
  });

  it('hides "Why?" without reason-tags.yaml and still guards leaks without leak-markers.yaml', async () => {
    await rm(path.join(dir, 'reason-tags.yaml'));
    await rm(path.join(dir, 'leak-markers.yaml'));
    const catalog = await loadCatalog(dir);
    expect(catalog.reasonTags).toBeNull();
    expect(catalog.leakMarkers).toEqual({ phrases: [], ignore: [] });
  });

  it('names an unknown step kind', async () => {
    const problems = await problemsWith(
      'pipelines/plain.yaml',
      'id: plain\nlabel: P\ndescription: d\nsteps:\n  - { kind: summon, id: answer }\n',
    );
    expect(problems).toEqual([
      `${dir}/pipelines/plain.yaml: steps[0].kind: unknown kind "summon" (expected one of: generate, extract, sample, rule-filter, critique-revise, judge-best, majority-vote)`,
    ]);
  });

  it('reports a missing required field', async () => {
    const problems = await problemsWith(
      'pipelines/plain.yaml',
      'id: plain\ndescription: d\nsteps:\n  - { kind: generate, id: answer }\n',
    );
    expect(problems).toEqual([`${dir}/pipelines/plain.yaml: label: is required (string)`]);
  });

  it('reports references to rule sets and constitutions that do not exist', async () => {
    const problems = await problemsWith('pipelines/constitution.yaml', constitutionWith('principles: kindness'));
    expect(problems).toEqual([
      `${dir}/pipelines/constitution.yaml: steps[1].principles: no constitution "kindness" (expected ${dir}/constitutions/kindness.yaml)`,
    ]);
  });

  it('reports a placeholder the template cannot fill', async () => {
    const problems = await problemsWith(
      'pipelines/constitution.yaml',
      constitutionWith('rounds: 1').replace('{principle} {draft}', '{principle} {answer}'),
    );
    expect(problems).toEqual([
      `${dir}/pipelines/constitution.yaml: steps[1].critique_instruction: unknown placeholder {answer} (allowed here: {principle}, {conversation}, {draft})`,
    ]);
  });

  it('reports invalid YAML, a file name that does not match its id, and a bad rule in one error', async () => {
    await writeFile(path.join(dir, 'pipelines/cot.yaml'), 'id: cot\n  label: [oops');
    await writeFile(
      path.join(dir, 'pipelines/plain.yaml'),
      'id: plainer\nlabel: P\ndescription: d\nsteps:\n  - { kind: generate, id: answer }\n',
    );
    await writeFile(
      path.join(dir, 'rules/default.yaml'),
      'rules:\n  - { id: S1, category: x, kind: block, text: t }\n',
    );
    const error = await loadCatalog(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogError);
    const problems = (error as CatalogError).problems;
    expect(problems).toContain(
      `${dir}/rules/default.yaml: rules[0].kind: must be one of "filter", "rank" (got "block")`,
    );
    expect(problems).toContain(`${dir}/pipelines/plain.yaml: id: "plainer" must match the file name ("plain")`);
    expect(problems.some((line) => line.startsWith(`${dir}/pipelines/cot.yaml: is not valid YAML`))).toBe(true);
    // The rules pipeline now points at a rule set that failed to load.
    expect(problems).toContain(
      `${dir}/pipelines/rules.yaml: steps[1].rules: no rule set "default" (expected ${dir}/rules/default.yaml)`,
    );
  });

  it('keeps the last good catalog when a reload fails, and says why', async () => {
    const messages: string[] = [];
    const holder = await holdCatalog(dir, { onReload: (outcome) => messages.push(outcome.message) });
    await writeFile(path.join(dir, 'pipelines/plain.yaml'), 'id: plain\nsteps: []\n');
    const outcome = await holder.reload();
    expect(outcome.ok).toBe(false);
    expect(holder.current().pipelines.has('plain')).toBe(true);
    expect(messages[0]).toContain('keeping the previous version');
    expect(messages[0]).toContain(`${dir}/pipelines/plain.yaml: steps: needs at least one step`);
    holder.close();
  });

  it('sees edits saved by rename and by copying over the file, again and again', async () => {
    const holder = await holdCatalog(dir, { watch: true });
    const plain = path.join(dir, 'pipelines/plain.yaml');
    const original = await readFile(plain, 'utf8');
    const labelled = (label: string) => original.replace(/^label: .*$/m, `label: ${label}`);
    const label = () => holder.current().pipelines.get('plain')?.label;
    try {
      // Editors and `sed -i` write a new file and rename it over the old one, replacing its inode.
      for (const round of [1, 2, 3]) {
        await writeFile(`${plain}.tmp`, labelled(`Renamed ${round}`));
        await rename(`${plain}.tmp`, plain);
        await eventually(() => expect(label()).toBe(`Renamed ${round}`), { timeoutMs: 5000 });
      }
      await writeFile(path.join(dir, 'copy.yaml'), labelled('Copied'));
      await cp(path.join(dir, 'copy.yaml'), plain);
      await eventually(() => expect(label()).toBe('Copied'), { timeoutMs: 5000 });
    } finally {
      await holder.close();
    }
  });

  it('refuses a reload that removes a pipeline a setting uses, keeps it, and names the setting', async () => {
    const outcomes: string[] = [];
    const holder = await holdCatalog(dir, {
      onReload: (outcome) => outcomes.push(outcome.message),
      pipelinesInUse: async () => [{ pipelineId: 'cot', setting: 'COMPARE_PIPELINES' }],
    });
    await rm(path.join(dir, 'pipelines/cot.yaml'));
    const outcome = await holder.reload();
    expect(outcome.ok).toBe(false);
    expect(holder.current().pipelines.has('cot')).toBe(true);
    expect(outcomes[0]).toContain(`prompts in ${dir} not reloaded, keeping the previous version`);
    expect(outcomes[0]).toContain(
      `COMPARE_PIPELINES names "cot", which is not a pipeline in ${dir}/pipelines/ (known: best-of-n, constitution, few-shot, plain, rules, self-consistency)`,
    );
    await holder.close();
  });

  it('still reloads when a setting names a pipeline that was already missing', async () => {
    const holder = await holdCatalog(dir, {
      pipelinesInUse: async () => [{ pipelineId: 'gone', setting: "server 1's /config default-pipeline" }],
    });
    await rm(path.join(dir, 'pipelines/cot.yaml'));
    expect((await holder.reload()).ok).toBe(true);
    expect(holder.current().pipelines.has('cot')).toBe(false);
    await holder.close();
  });
});
