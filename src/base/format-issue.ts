// Turns zod issues into lines a researcher understands: file, path, problem, and the value found.
import type { z } from 'zod';

/** `steps[1].rounds`; `empty` names the whole value when the path is empty. */
export function formatPath(path: readonly PropertyKey[], empty = '(top level)'): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || empty;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describe(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `is required (${issue.expected})`
        : `must be ${issue.expected} (got ${shown(found)})`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `is too long: at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be at most ${String(issue.maximum)} (got ${shown(found)})`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `${issue.message.startsWith('Too small') ? `needs at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : 'characters'}` : issue.message}`
        : `must be at least ${String(issue.minimum)} (got ${shown(found)})`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`;
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      return 'discriminator' in issue
        ? `unknown ${String(issue.discriminator)} ${shown(found)} (expected one of: ${options.join(', ')})`
        : 'does not match any allowed shape';
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => shown(value)).join(', ')} (got ${shown(found)})`;
    default:
      return issue.message;
  }
}

/** One line per issue: `<where>: <path>: <problem>`. */
export function formatIssues(where: string, error: z.ZodError, data: unknown): string[] {
  return error.issues.map((issue) => {
    const found = valueAt(data, issue.path);
    return `${where}: ${formatPath(issue.path)}: ${describe(issue, found)}`;
  });
}
