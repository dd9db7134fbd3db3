// A lease per running bot process: a store key renewed every few seconds that expires when the process dies.
// A comparison in flight names the lease of the process running it, so after a crash the next start (or any
// other process) knows at once which comparisons nobody is finishing, without scanning every comparison or
// waiting out the pipeline time budget. On the same host a dead pid gives the answer before the lease expires.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Store } from '../../store/open-store.js';

const LeaseSchema = z.object({ host: z.string(), pid: z.int(), startedAt: z.iso.datetime({ offset: true }) });
type Lease = z.infer<typeof LeaseSchema>;

export const LEASE_NAMESPACE = 'process-leases';
const DEFAULT_TTL_MS = 30_000;

export interface ProcessLease {
  readonly id: string;
  /** False once the owner of `leaseId` is known to be gone: its lease expired, or its process is not running here. */
  isAlive(leaseId: string): Promise<boolean>;
  /** Stops renewing and removes the lease (a clean shutdown leaves nothing for others to recover). */
  release(): Promise<void>;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export async function startProcessLease(store: Store, options: { ttlMs?: number; onRenewError?: (error: unknown) => void } = {}): Promise<ProcessLease> {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const leases = store.namespace(LEASE_NAMESPACE, LeaseSchema);
  const id = `${hostname().replace(/[^A-Za-z0-9-]/g, '-')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const lease: Lease = { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  const renew = () => leases.set(id, lease, ttlMs);
  await renew();
  const timer = setInterval(() => void renew().catch((error: unknown) => options.onRenewError?.(error)), Math.floor(ttlMs / 3));
  timer.unref();
  return {
    id,
    async isAlive(leaseId) {
      if (leaseId === id) return true;
      const found = await leases.get(leaseId);
      if (found === undefined) return false;
      if (found.host !== lease.host) return true;
      // Same host: our own pid under another lease is an earlier incarnation of this process (a container restart).
      return found.pid !== process.pid && processRuns(found.pid);
    },
    async release() {
      clearInterval(timer);
      await leases.delete(id);
    },
  };
}
