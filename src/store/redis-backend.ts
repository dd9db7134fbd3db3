// Redis: one node-redis client shared by every namespace's adapter (see indexed-redis-adapter.ts). The adapter, not
// Keyv, prefixes keys, with ':' as separator so stored keys read `namespace:key` as on the SQL backends.
import { createClient } from '@keyv/redis';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from '@redis/client';
import type { KeyvStoreAdapter } from 'keyv';
import { StoreOpenError, withoutPassword, type Backend, type BackendAdapter } from './backend.ts';
import { IndexedRedisAdapter } from './indexed-redis-adapter.ts';
import { recognizeConnectionErrors } from './store-unavailable.ts';

recognizeConnectionErrors([
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
]);

const CONNECT_TIMEOUT_MS = 5_000;
const FIRST_CONNECT_TRIES = 3;
// node-redis would otherwise keep commands in memory while disconnected and wait for ever: fail them at once (the
// vote journal and the users' "try again" take over), and give up on a command the server does not answer.
const COMMAND_TIMEOUT_MS = 5_000;

export async function openRedisBackend(url: string): Promise<Backend> {
  const location = withoutPassword(url);
  let ready = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Give up soon when the server is not there at start; once it was, keep reconnecting with a capped backoff.
      reconnectStrategy: (retries, cause) =>
        !ready && retries >= FIRST_CONNECT_TRIES ? cause : Math.min(100 * 2 ** retries, 2_000),
    },
  });
  // The client's only listener: without one an 'error' event would crash the process, and the failing command
  // reports the error itself.
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
      const adapter = new IndexedRedisAdapter(client, location);
      // Keyv types an adapter's reads as the caller's value type, though adapters hand it the serialized strings
      // that it then deserializes; this adapter says what it really returns.
      return { adapter: adapter as KeyvStoreAdapter, scan: (scope, after) => adapter.scan(scope, after) };
    },
    // Redis keeps no old values in its own files beyond its next snapshot or log rewrite, which its own settings time.
    scrubDeleted: async () => undefined,
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
