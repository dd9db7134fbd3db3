// A mistake the user can fix (unknown pipeline, empty prompt, missing permission). The message is
// written for them and shown as is; `code` is stable so callers and tests can branch on it.
export type UserErrorCode =
  | 'unknown-pipeline'
  | 'unknown-model'
  | 'empty-prompt'
  | 'prompt-too-long'
  | 'too-few-pipelines'
  | 'guild-only'
  | 'missing-permission'
  | 'bot-missing-permission'
  | 'rate-limited'
  | 'cost-cap'
  | 'not-found'
  | 'invalid-option'
  | 'unavailable'
  | 'invalid-eval-set';

export class UserError extends Error {
  readonly code: UserErrorCode;

  constructor(code: UserErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'UserError';
  }
}
