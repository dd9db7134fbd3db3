// What a failed slot says while the comparison is blind: a line by failure kind only, because a
// pipeline's own failure message can name its technique ("the rule judge gave unusable verdicts").
import type { Failure, FailureKind } from '../../llm/failure.ts';

const LINES: Record<Exclude<FailureKind, 'internal'>, string> = {
  'rate-limited': 'The model server is rate-limiting requests; this answer gave up.',
  timeout: 'The model took too long; this answer timed out.',
  unreachable: 'The model server could not be reached.',
  auth: 'The model server refused the credentials.',
  rejected: 'The model server rejected a request for this answer.',
  server: 'The model server failed while writing this answer.',
  'invalid-output': 'The model gave output this answer could not use.',
  cancelled: 'Cancelled.',
};

/** Internal failures keep their message: it only carries a reference id to find the logged error. */
export const blindFailureLine = (failure: Failure): string =>
  failure.kind === 'internal' ? failure.message : LINES[failure.kind];
