// The operators' HTTP server on METRICS_PORT: /metrics, /healthz and /readyz. Returned so other front ends
// (a public leaderboard page) can mount their routes on the same server.
import { Status, type Client } from 'discord.js';
import { mountHealthRoutes } from '../http/health-routes.js';
import { createHttpServer, type HttpServer } from '../http/http-server.js';
import { mountMetricsRoute } from '../metrics/metrics-route.js';
import type { Services } from '../bot/services.js';
import { createStoreProbe } from './probe-store.js';

export async function startOpsServer(options: { port: number; host: string; client: Client; services: Services }): Promise<{ server: HttpServer; port: number }> {
  const { client, services } = options;
  const server = createHttpServer(services.log);
  mountMetricsRoute(server, services.metrics);
  mountHealthRoutes(server, {
    discordConnected: () => client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    storeReachable: createStoreProbe(services.store, services.metrics),
  });
  const { port } = await server.listen(options.port, options.host);
  return { server, port };
}
