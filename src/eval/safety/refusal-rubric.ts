// The fixed rubric of the safety suite, read from prompts/eval/refusal-rubric.yaml and checked with zod:
// the judge's instruction (with {prompt} and {answer}), and the refusal prefixes and empathy openers of the
// string matcher.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatIssues } from '../../base/format-issue.ts';
import { CatalogError } from '../../catalog/load-catalog.ts';
import { normalizePhrase } from './match-refusal-prefix.ts';

const Phrases = z.array(z.string().trim().min(1).transform(normalizePhrase)).min(1);

export const RefusalRubric = z.strictObject({
  instruction: z
    .string()
    .refine(
      (text) => text.includes('{prompt}') && text.includes('{answer}'),
      'must contain both {prompt} and {answer}',
    ),
  refusal_prefixes: Phrases,
  empathy_openers: Phrases,
});
export type RefusalRubric = z.infer<typeof RefusalRubric>;

export async function loadRefusalRubric(promptsDir: string): Promise<RefusalRubric> {
  const file = path.join(promptsDir, 'eval', 'refusal-rubric.yaml');
  const shown = file;
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CatalogError(promptsDir, [
      `${shown}: ${missing ? 'file is missing (the safety suite needs its rubric)' : `is not valid YAML: ${(error as Error).message.split('\n')[0]}`}`,
    ]);
  }
  const result = RefusalRubric.safeParse(data);
  if (!result.success) throw new CatalogError(promptsDir, formatIssues(shown, result.error, data));
  return result.data;
}
