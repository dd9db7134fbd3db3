// A lease per running bot process: a store key renewed every few seconds that expires when the process dies.
// A comparison in flight names the lease of the process running it, so after a crash the next start (or any
// other process) knows at once which comparisons nobody is finishing, without scanning every comparison or
// waiting out the pipeline time budget. On the same host a dead pid gives the answer before the lease expires.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { Store } from '../../store/open-store.ts';
import type { StoreNamespace } from '../../store/store-namespace.ts';

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

/** The lease, named at once; `start` writes it to the store and keeps renewing it (a bot started during a store
 * outage starts it once the store is up, and asks nothing of it before). */
export function createProcessLease(
  options: { ttlMs?: number; onRenewError?: (error: unknown) => void } = {},
): ProcessLease & { start(store: Store): Promise<void> } {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  let leases: StoreNamespace<Lease> | undefined;
  const started = () => {
    if (leases === undefined) throw new Error('the process lease is not started');
    return leases;
  };
  const id = `${hostname().replace(/[^A-Za-z0-9-]/g, '-')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const lease: Lease = { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
  const renew = () => started().set(id, lease, ttlMs);
  let timer: NodeJS.Timeout | undefined;
  return {
    id,
    async start(store) {
      leases = store.namespace(LEASE_NAMESPACE, LeaseSchema);
      await renew();
      timer = setInterval(
        () => void renew().catch((error: unknown) => options.onRenewError?.(error)),
        Math.floor(ttlMs / 3),
      );
      timer.unref();
    },
    async isAlive(leaseId) {
      if (leaseId === id) return true;
      const found = await started().get(leaseId);
      if (found === undefined) return false;
      if (found.host !== lease.host) return true;
      // Same host: our own pid under another lease is an earlier incarnation of this process (a container restart).
      return found.pid !== process.pid && processRuns(found.pid);
    },
    async release() {
      if (timer === undefined) return; // never written
      clearInterval(timer);
      await started().delete(id);
    },
  };
}
