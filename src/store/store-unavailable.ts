// Tells a store that cannot be reached (connection refused, reset or timed out, client offline) from every other
// failure, by error class and code: callers then keep votes in the local journal or tell users to retry soon,
// while a bug or a refused write still surfaces as one.
import { type BackendKind, StoreOpenError } from './backend.ts';

/** A store call that failed because the database could not be reached; `cause` is the driver's own error. */
export class StoreUnavailableError extends Error {
  readonly backend: BackendKind;

  constructor(backend: BackendKind, location: string, cause: unknown) {
    super(`The ${backend} store at ${location} is unreachable (${describeCause(cause)})`, { cause });
    this.backend = backend;
    this.name = 'StoreUnavailableError';
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

// A driver's own classes for a lost connection (node-redis has several), added by the backend that loads the driver:
// such errors come only from its store, and a counting worker on SQLite or PostgreSQL then never loads the Redis client.
const driverConnectionErrors: ErrorClass[] = [];

export function recognizeConnectionErrors(classes: readonly ErrorClass[]): void {
  driverConnectionErrors.push(...classes);
}

// Socket errors Node reports with a code, whichever driver passed them on.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function describeCause(cause: unknown): string {
  const code = codeOf(cause);
  const name = cause instanceof Error ? cause.name : 'unknown error';
  return code === undefined ? name : `${name} ${code}`;
}

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (driverConnectionErrors.some((kind) => error instanceof kind)) return true;
  const code = codeOf(error);
  if (code !== undefined && SOCKET_CODES.has(code)) return true;
  // Errors that carry what they wrap (AggregateError from a failed connect to several addresses).
  if (error instanceof StoreOpenError) return isStoreUnavailable(error.cause);
  if (error instanceof AggregateError) return error.errors.some(isStoreUnavailable);
  return false;
}

/** A short cause for logs: the class and code, and the driver's message (never includes credentials). */
export function unavailableCause(error: unknown): string {
  const root = error instanceof StoreUnavailableError ? error.cause : error;
  const message = root instanceof Error ? root.message : String(root);
  return `${describeCause(root)}${message ? `: ${message}` : ''}`;
}
