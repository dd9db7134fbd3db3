// Redis through @keyv/redis: one client shared by every namespace's adapter. The adapter, not Keyv, prefixes keys,
// with ':' as separator so stored keys read `namespace:key` as on the SQL backends.
import KeyvRedis, { createClient } from '@keyv/redis';
import { StoreOpenError, withoutPassword, type Backend, type BackendAdapter } from './backend.js';

const CONNECT_TIMEOUT_MS = 5_000;
const FIRST_CONNECT_TRIES = 3;
const SCAN_COUNT = 1_000;

export async function openRedisBackend(url: string): Promise<Backend> {
  const location = withoutPassword(url);
  let ready = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Give up soon when the server is not there at start; once it was, keep reconnecting with a capped backoff.
      reconnectStrategy: (retries, cause) =>
        !ready && retries >= FIRST_CONNECT_TRIES ? cause : Math.min(100 * 2 ** retries, 2_000),
    },
  });
  // Without a listener an 'error' event would crash the process; the failing command reports the error itself.
  client.on('error', () => undefined);
  try {
    await client.connect();
    ready = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new StoreOpenError('redis', location, error);
  }
  return {
    kind: 'redis',
    location,
    useKeyPrefix: false,
    createAdapter(): BackendAdapter {
      const adapter = new KeyvRedis(client, { keyPrefixSeparator: ':', throwOnErrors: true, throwOnConnectError: true });
      return {
        adapter,
        // Not the adapter's iterator: it scans 10 keys per round trip. SCAN still walks the whole keyspace (Redis
        // has no prefix index), may return a key twice (callers dedupe), and sees keys written meanwhile or not.
        async *scan(scope) {
          for await (const keys of client.scanIterator({ MATCH: `${scope}:*`, COUNT: SCAN_COUNT, TYPE: 'string' })) {
            if (keys.length === 0) continue;
            const values = await client.mGet(keys);
            for (const [index, key] of keys.entries()) {
              const raw = values[index];
              if (typeof raw === 'string') yield [key.slice(scope.length + 1), raw];
            }
          }
        },
      };
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
