// Wraps fetch so a server asking us to wait longer than we are willing to (Retry-After: 3600 on an
// exhausted quota) fails at once as rate-limited: the openai client would otherwise sleep that long.
import type { ClientOptions } from 'openai';

export type Fetch = NonNullable<ClientOptions['fetch']>;

export function capRetryAfter(fetch: Fetch, maxWaitMs: number): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const waitMs = response.ok ? undefined : requestedWaitMs(response.headers);
    if (waitMs === undefined || waitMs <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    // openai-node obeys this header before any status-based retry rule.
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Reads the wait the same way openai-node does: retry-after-ms, then Retry-After in seconds or as a date. */
function requestedWaitMs(headers: Headers): number | undefined {
  const milliseconds = parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(milliseconds) && milliseconds > 0) return milliseconds;
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = parseFloat(retryAfter);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : date - Date.now();
}
