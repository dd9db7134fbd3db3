// The error for a value read back from the store that is not what we wrote: it names the key and what is wrong,
// so whoever runs the bot can find and repair or delete that one entry.
import type { z } from 'zod';
import { formatPath } from '../base/format-issue.ts';

export class StoredValueError extends Error {
  readonly key: string;
  readonly problem: string;

  constructor(key: string, problem: string) {
    super(`Stored value at "${key}" is malformed: ${problem}. Repair or delete that key.`);
    this.key = key;
    this.problem = problem;
    this.name = 'StoredValueError';
  }
}

/** One clause per zod issue, e.g. `choice.kind: Invalid input`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatPath(issue.path, '(whole value)')}: ${issue.message}`).join('; ');
}
