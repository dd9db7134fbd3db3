// Model output that should be JSON: find the object (models wrap it in prose or code fences), parse it,
// check it with zod. Failure is a value with a reason a human can read, never an exception.
import type { z } from 'zod';
import { formatPath } from '../base/format-issue.js';

export function parseJsonReply<T>(text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start) return { ok: false, error: 'no JSON object found in the reply' };
  let data: unknown;
  try {
    data = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, error: 'the JSON object is malformed' };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: issue ? `${formatPath(issue.path)}: ${issue.message}` : 'unexpected JSON shape' };
}
