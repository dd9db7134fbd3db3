// A pipeline's version changes with anything that shapes its answers, and only with that.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/catalog/load-catalog.ts';
import { pipelineVersion } from '../../src/engine/pipeline-version.ts';

const models = { generator: 'gen-1', judge: 'judge-1' };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'prompts-version-'));
  await cp('prompts', dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const versionOf = (catalog: Catalog, id: string, resolved = models) =>
  pipelineVersion(catalog.pipelines.get(id)!, catalog, resolved);

async function editAndReload(file: string, edit: (text: string) => string): Promise<Catalog> {
  const at = path.join(dir, file);
  await writeFile(at, edit(await readFile(at, 'utf8')));
  return loadCatalog(dir);
}

describe('pipeline version', () => {
  it('is a short stable hash that differs between pipelines', async () => {
    const catalog = await loadCatalog(dir);
    expect(versionOf(catalog, 'cot')).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf(await loadCatalog(dir), 'cot')).toBe(versionOf(catalog, 'cot'));
    expect(versionOf(catalog, 'cot')).not.toBe(versionOf(catalog, 'plain'));
  });

  it('changes when the rules a pipeline uses change, and not for a pipeline that does not use them', async () => {
    const before = await loadCatalog(dir);
    const after = await editAndReload('rules/default.yaml', (text) =>
      text.replace('Does not pin traits', 'Never pins traits'),
    );
    expect(versionOf(after, 'rules')).not.toBe(versionOf(before, 'rules'));
    expect(versionOf(after, 'plain')).toBe(versionOf(before, 'plain'));
  });

  it('changes with the system prompt, the constitution and the model, not with key order in the file', async () => {
    const before = await loadCatalog(dir);
    expect(versionOf(before, 'plain', { ...models, generator: 'gen-2' })).not.toBe(versionOf(before, 'plain'));
    expect(versionOf(before, 'plain', { ...models, judge: 'judge-2' })).toBe(versionOf(before, 'plain'));
    expect(versionOf(before, 'rules', { ...models, judge: 'judge-2' })).not.toBe(versionOf(before, 'rules'));
    const system = await editAndReload('system.md', (text) => `${text}\nBe brief.`);
    expect(versionOf(system, 'plain')).not.toBe(versionOf(before, 'plain'));
    const constitution = await editAndReload('constitutions/default.yaml', (text) =>
      text.replace('Name anything', 'List anything'),
    );
    expect(versionOf(constitution, 'constitution')).not.toBe(versionOf(before, 'constitution'));
    const reordered = await editAndReload('pipelines/plain.yaml', (text) =>
      text.replace('id: plain\nlabel: Plain\n', 'label: Plain\nid: plain\n'),
    );
    expect(versionOf(reordered, 'plain')).toBe(versionOf(system, 'plain')); // edits above accumulate in the same folder
  });
});
