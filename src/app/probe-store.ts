// Readiness of the store: one cheap read of a key that need not exist, bounded in time, so /readyz answers
// promptly even while the database hangs. Reports what it saw to the store-health gauge.
import { z } from 'zod';
import type { BotMetrics } from '../metrics/bot-metrics.ts';
import type { Store } from '../store/open-store.ts';

const PROBE_TIMEOUT_MS = 2000;

export function createStoreProbe(store: Store, metrics: BotMetrics): () => Promise<boolean> {
  const health = store.namespace('health', z.unknown());
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
    const read = health.get('probe').then(
      () => true,
      () => false,
    );
    const reachable = await Promise.race([read, timedOut]);
    clearTimeout(timer);
    metrics.setStoreUp(reachable);
    return reachable;
  };
}
