// Turns an error from a model call into a Failure a user can read, by the openai client's error classes,
// HTTP status and Node's network error codes; never by message text. Returns null for anything that is not a
// model-call failure (our own bugs), so the caller rethrows it untouched.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { ModelCallError, type Failure, type FailureKind } from './failure.ts';
import { formatWait, requestedWaitMs } from './retry-wait.ts';

/** What the messages may mention; the base URL is shown without credentials. */
export interface FailureContext {
  baseURL?: string;
  timeoutMs?: number;
  model?: string;
}

// Node/undici codes for a connection that dropped after it was established (reset, closed mid-body).
const brokenConnectionCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const stalledConnectionCodes = new Set(['ETIMEDOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

const failure = (kind: FailureKind, message: string, retryable: boolean): Failure => ({ kind, message, retryable });

export function classifyError(error: unknown, context: FailureContext = {}): Failure | null {
  if (error instanceof ModelCallError) return error.failure;
  if (error instanceof APIUserAbortError || isNamed(error, 'AbortError')) return cancelled();
  if (error instanceof APIConnectionTimeoutError) return timedOut(context);
  if (error instanceof APIConnectionError)
    return failure('unreachable', `Could not reach the model server${at(context)}.`, true);
  if (error instanceof RateLimitError) return rateLimited(error.headers);
  if (error instanceof AuthenticationError) return failure('auth', 'The model server rejected the API key.', false);
  if (error instanceof PermissionDeniedError)
    return failure('auth', 'The API key is not allowed to use this model.', false);
  if (error instanceof NotFoundError) {
    const model = context.model ? ` "${context.model}"` : '';
    return failure('rejected', `The model server does not know the model${model} (or the API path is wrong).`, false);
  }
  if (error instanceof BadRequestError || error instanceof UnprocessableEntityError) {
    return failure('rejected', 'The model server rejected the request as invalid.', false);
  }
  if (error instanceof APIError) return apiStatusFailure(error.status);
  const code = networkCode(error);
  if (code && stalledConnectionCodes.has(code)) return timedOut(context);
  if (code && brokenConnectionCodes.has(code)) return brokenStream();
  return null;
}

/** Says the wait the server asked for, when it asked for one, rather than a made-up minute. */
function rateLimited(headers: Headers | undefined): Failure {
  const waitMs = headers ? requestedWaitMs(headers) : undefined;
  const when =
    waitMs === undefined ? '; try again shortly.' : ` and asks to wait ${formatWait(waitMs)}; try again after that.`;
  return failure('rate-limited', `The model server is rate-limiting requests${when}`, true);
}

/** The stream or body was cut off after the server started answering. */
export const brokenStream = (): Failure =>
  failure('server', 'The connection to the model server broke before the answer was complete.', true);

export const cancelled = (): Failure => failure('cancelled', 'The request was cancelled.', false);

export function timedOut(context: FailureContext): Failure {
  const after = context.timeoutMs === undefined ? '' : ` (after ${Number((context.timeoutMs / 1000).toFixed(1))} s)`;
  return failure('timeout', `The model server did not answer in time${after}.`, true);
}

function apiStatusFailure(status: number | undefined): Failure {
  // No status: an error event inside an SSE stream.
  if (status === undefined) return failure('server', 'The model server reported an error while answering.', true);
  if (status >= 500 || status === 408 || status === 409) {
    return failure('server', `The model server had a problem (HTTP ${status}); try again shortly.`, true);
  }
  return failure('rejected', `The model server refused the request (HTTP ${status}).`, false);
}

function at(context: FailureContext): string {
  if (!context.baseURL) return '';
  try {
    const url = new URL(context.baseURL);
    return ` at ${url.origin}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return '';
  }
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === name;
}

/** The first `code` along the cause chain (undici puts the socket error in `cause`). */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}
