// Wraps fetch so a server asking us to wait longer than we are willing to (Retry-After: 3600 on an
// exhausted quota) fails at once as rate-limited: the openai client would otherwise sleep that long.
import type { ClientOptions } from 'openai';
import { requestedWaitMs } from './retry-wait.ts';

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
