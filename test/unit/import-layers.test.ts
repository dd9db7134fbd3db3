import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The house's import rules (.dependency-cruiser.cjs) run over the real tree, and over a small tree that breaks
// them, so a rule that silently stopped matching would fail here too.
const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

async function violationsIn(root: string, folders: string[]): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(folders, { ruleSet: { forbidden: rules.forbidden }, ...rules.options, validate: true });
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
  } finally {
    process.chdir(previous);
  }
}

async function treeOf(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'layers-'));
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe('import layers', () => {
  it('finds no import running up a layer and no loop in the source tree', async () => {
    expect(await violationsIn(process.cwd(), ['src', 'commands'])).toEqual([]);
  }, 60_000);

  it('reports an import from a lower layer to a higher one, a loop, and a folder no layer names', async () => {
    const root = await treeOf({
      'src/records/keeps.ts': "import { draw } from '../render/draws.js';\nexport const keep = draw;\n",
      'src/render/draws.ts': 'export const draw = 1;\n',
      'src/engine/first.ts': "import { second } from './second.js';\nexport const first = () => second;\n",
      'src/engine/second.ts': "import { first } from './first.js';\nexport const second = () => first;\n",
      'src/stray/lost.ts': "import { draw } from '../render/draws.js';\nexport const lost = draw;\n",
    });
    const violations = await violationsIn(root, ['src']);
    expect(violations).toContain('no-import-up-from-records: src/records/keeps.ts -> src/render/draws.ts');
    expect(violations).toContain('no-circular: src/engine/first.ts -> src/engine/second.ts');
    expect(violations).toContain('no-unplaced-source: src/stray/lost.ts -> src/render/draws.ts');
  }, 60_000);
});
