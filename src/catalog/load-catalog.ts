// Reads PROMPTS_DIR into a validated Catalog: pipelines, rule sets, constitutions, demo sets, prices, the
// prompt categories and the default system prompt. Every problem in every file is collected and reported in one
// error, each naming the file by the path the operator configured (PROMPTS_DIR), not a fixed "prompts/".
import { access, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { PriceTable } from '../llm/price-table.ts';
import { checkReferences } from './check-references.ts';
import {
  CategoryPrompt,
  Constitution,
  DemoSet,
  LeakMarkerList,
  MemoryPrompt,
  ReasonTagList,
  RuleSet,
} from './data-schemas.ts';
import { formatIssues } from '../base/format-issue.ts';
import { Pipeline } from './pipeline-schema.ts';

export interface Catalog {
  dir: string;
  system: string;
  pipelines: ReadonlyMap<string, Pipeline>;
  ruleSets: ReadonlyMap<string, RuleSet>;
  constitutions: ReadonlyMap<string, Constitution>;
  demoSets: ReadonlyMap<string, DemoSet>;
  prices: PriceTable;
  /** prompts/memory.yaml; null when the file is absent, which switches long-term memory off. */
  memory: MemoryPrompt | null;
  /** prompts/leak-markers.yaml; without it only pipeline, rule and model names are looked for. */
  leakMarkers: LeakMarkerList;
  /** prompts/reason-tags.yaml; null when absent, which hides the "Why?" button. */
  reasonTags: ReasonTagList | null;
  /** prompts/categories.yaml; null when absent, which leaves every comparison in the category `other`. */
  categories: CategoryPrompt | null;
}

export class CatalogError extends Error {
  readonly dir: string;
  readonly problems: string[];

  constructor(dir: string, problems: string[]) {
    super(
      `${path.join(dir, '/')} has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.dir = dir;
    this.problems = problems;
    this.name = 'CatalogError';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Parses one YAML file with a schema; problems are pushed, the value returned only when valid. */
async function readChecked<T extends z.ZodType>(
  file: string,
  shown: string,
  schema: T,
  problems: string[],
): Promise<z.infer<T> | undefined> {
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    problems.push(
      `${shown}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `is not valid YAML: ${(error as Error).message.split('\n')[0]}`}`,
    );
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  problems.push(...formatIssues(shown, result.error, data));
  return undefined;
}

async function readFolder<T extends z.ZodType>(
  root: string,
  folder: string,
  schema: T,
  problems: string[],
): Promise<Map<string, z.infer<T>>> {
  const entries = new Map<string, z.infer<T>>();
  for (const name of await yamlFiles(path.join(root, folder))) {
    const value = await readChecked(path.join(root, folder, name), path.join(root, folder, name), schema, problems);
    if (value !== undefined) entries.set(name.replace(/\.ya?ml$/, ''), value);
  }
  return entries;
}

export async function loadCatalog(dir: string): Promise<Catalog> {
  const problems: string[] = [];
  const ruleSets = await readFolder(dir, 'rules', RuleSet, problems);
  const constitutions = await readFolder(dir, 'constitutions', Constitution, problems);
  const demoSets = await readFolder(dir, 'demos', DemoSet, problems);
  const prices =
    (await readChecked(path.join(dir, 'prices.yaml'), path.join(dir, 'prices.yaml'), PriceTable, problems)) ?? {};
  const memory = (await exists(path.join(dir, 'memory.yaml')))
    ? ((await readChecked(path.join(dir, 'memory.yaml'), path.join(dir, 'memory.yaml'), MemoryPrompt, problems)) ??
      null)
    : null;
  const optional = async <T extends z.ZodType>(name: string, schema: T): Promise<z.infer<T> | null> =>
    (await exists(path.join(dir, name)))
      ? ((await readChecked(path.join(dir, name), path.join(dir, name), schema, problems)) ?? null)
      : null;
  const leakMarkers = (await optional('leak-markers.yaml', LeakMarkerList)) ?? { phrases: [], ignore: [] };
  const reasonTags = await optional('reason-tags.yaml', ReasonTagList);
  const categories = await optional('categories.yaml', CategoryPrompt);
  let system = '';
  try {
    system = (await readFile(path.join(dir, 'system.md'), 'utf8')).trim();
  } catch {
    problems.push(`${path.join(dir, 'system.md')}: file is missing (it holds the default system prompt)`);
  }

  const pipelines = new Map<string, Pipeline>();
  const known = {
    dir,
    ruleSets: new Set(ruleSets.keys()),
    constitutions: new Map([...constitutions].map(([id, value]) => [id, value.principles.length])),
    demoSets: new Set(demoSets.keys()),
  };
  for (const name of await yamlFiles(path.join(dir, 'pipelines'))) {
    const shown = path.join(dir, 'pipelines', name);
    const pipeline = await readChecked(path.join(dir, 'pipelines', name), shown, Pipeline, problems);
    if (!pipeline) continue;
    const stem = name.replace(/\.ya?ml$/, '');
    if (pipeline.id !== stem) problems.push(`${shown}: id: "${pipeline.id}" must match the file name ("${stem}")`);
    problems.push(...checkReferences(shown, pipeline, known));
    pipelines.set(pipeline.id, pipeline);
  }
  if (pipelines.size === 0 && problems.length === 0)
    problems.push(`${path.join(dir, 'pipelines', '/')}: no pipeline files found`);
  if (problems.length > 0) throw new CatalogError(dir, problems);
  return {
    dir,
    system,
    pipelines,
    ruleSets,
    constitutions,
    demoSets,
    prices,
    memory,
    leakMarkers,
    reasonTags,
    categories,
  };
}
