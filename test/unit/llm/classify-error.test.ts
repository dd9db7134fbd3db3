// Error classification edge cases that the HTTP tests do not reach: our own bugs, credentials in URLs.
import { APIConnectionError, PermissionDeniedError, UnprocessableEntityError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../src/llm/classify-error.ts';
import { ModelCallError } from '../../../src/llm/failure.ts';

describe('classifyError', () => {
  it('leaves our own bugs unclassified so they are rethrown', () => {
    expect(classifyError(new TypeError('Cannot read properties of undefined'))).toBeNull();
    expect(classifyError(new SyntaxError('Unexpected token'))).toBeNull();
  });

  it('treats an aborted operation as cancelled', () => {
    expect(classifyError(new DOMException('This operation was aborted', 'AbortError'))).toMatchObject({
      kind: 'cancelled',
      retryable: false,
    });
  });

  it('keeps the failure of an error that was already classified', () => {
    const failure = {
      kind: 'invalid-output',
      message: 'The model returned an empty answer.',
      retryable: true,
    } as const;
    expect(classifyError(new ModelCallError(failure))).toBe(failure);
  });

  it('never shows credentials that are part of the base URL', () => {
    const failure = classifyError(new APIConnectionError({}), {
      baseURL: 'https://user:hunter2@models.example.com/v1/?token=abc',
    });
    expect(failure?.message).toBe('Could not reach the model server at https://models.example.com/v1.');
  });

  it('reports a forbidden model as an auth problem and an unprocessable request as rejected', () => {
    expect(classifyError(new PermissionDeniedError(403, undefined, undefined, new Headers()))).toMatchObject({
      kind: 'auth',
      retryable: false,
    });
    expect(classifyError(new UnprocessableEntityError(422, undefined, undefined, new Headers()))).toMatchObject({
      kind: 'rejected',
      retryable: false,
    });
  });

  it('treats a connection reset found in the cause chain as a broken answer', () => {
    const reset = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
    });
    expect(classifyError(reset)).toMatchObject({ kind: 'server', retryable: true });
  });
});
