// Failure kinds of a model call, with a line a user can read. Classified once, in src/llm, from the
// openai client's error classes; everything above branches on `kind`, never on message text.

export type FailureKind =
  | 'rate-limited'
  | 'timeout'
  | 'unreachable'
  | 'auth'
  | 'rejected'
  | 'server'
  | 'invalid-output'
  | 'cancelled'
  /** A bug on our side; the message carries a reference id to find the logged stack. */
  | 'internal';

export interface Failure {
  kind: FailureKind;
  /** One short sentence for the user, free of secrets and raw provider payloads. */
  message: string;
  retryable: boolean;
}

export class ModelCallError extends Error {
  readonly failure: Failure;

  constructor(failure: Failure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.failure = failure;
    this.name = 'ModelCallError';
  }
}
