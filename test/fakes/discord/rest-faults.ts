// Scripted REST failures (a 429 once, a 500 twice...) and the rate-limit headers Discord puts on every answer,
// generous enough that discord.js never waits on its own.
import { createHash } from 'node:crypto';
import type { RestReply } from './rest-types.ts';

export interface RestFault {
  /** Only this method; any when absent. */
  method?: string;
  /** Matches the path after /api/v10: a string must equal it, a RegExp must match it. */
  path: string | RegExp;
  status: number;
  /** JSON answer; Discord's shape for the status when absent. */
  body?: unknown;
  /** For 429: seconds discord.js must wait (sent as Retry-After and retry_after). */
  retryAfterSeconds?: number;
  global?: boolean;
  /** How many matching requests fail; 1 when absent. */
  times?: number;
}

export interface FaultReply extends RestReply {
  headers: Record<string, string>;
}

export function takeFault(faults: RestFault[], method: string, path: string): FaultReply | undefined {
  const index = faults.findIndex(
    (fault) =>
      (fault.method === undefined || fault.method.toUpperCase() === method) &&
      (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path)),
  );
  const fault = faults[index];
  if (!fault) return undefined;
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  if (fault.status !== 429) {
    return {
      status: fault.status,
      body: fault.body ?? { code: 0, message: `${fault.status}: scripted failure` },
      headers: {},
    };
  }
  const retryAfter = fault.retryAfterSeconds ?? 0.05;
  return {
    status: 429,
    body: fault.body ?? {
      message: 'You are being rate limited.',
      retry_after: retryAfter,
      global: fault.global ?? false,
    },
    headers: {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Scope': fault.global ? 'global' : 'user',
      ...(fault.global
        ? { 'X-RateLimit-Global': 'true' }
        : { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': String(retryAfter) }),
    },
  };
}

const LIMIT = 10_000;
const WINDOW_MS = 1_000;

/** Counts requests per bucket in one-second windows and reports them like Discord does. */
export function createRateLimitHeaders(): (bucketKey: string) => Record<string, string> {
  const windows = new Map<string, { resetAt: number; used: number; hash: string }>();
  return (bucketKey) => {
    const now = Date.now();
    let window = windows.get(bucketKey);
    if (!window || window.resetAt <= now) {
      const hash = window?.hash ?? createHash('sha1').update(bucketKey).digest('hex').slice(0, 32);
      window = { resetAt: now + WINDOW_MS, used: 0, hash };
      windows.set(bucketKey, window);
    }
    window.used += 1;
    return {
      'X-RateLimit-Limit': String(LIMIT),
      'X-RateLimit-Remaining': String(Math.max(LIMIT - window.used, 1)),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': ((window.resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': window.hash,
    };
  };
}
