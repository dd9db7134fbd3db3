// The operators' HTTP server on METRICS_PORT: /metrics, /healthz and /readyz. mountOpsRoutes puts the same routes
// on any server, so the public leaderboard page can share one port with them (startHttpServers).
import { Status, type Client } from 'discord.js';
import { mountHealthRoutes } from '../web/health-routes.ts';
import { createHttpServer, type HttpServer } from '../web/http-server.ts';
import { mountMetricsRoute } from '../web/metrics-route.ts';
import type { Services } from '../bot/services.ts';
import { createStoreProbe } from './probe-store.ts';

/** What this module's handlers use of the bot's services. */
type StartOpsServerServices = Pick<Services, 'log' | 'metrics' | 'store'>;

export function mountOpsRoutes(server: HttpServer, client: Client, services: StartOpsServerServices): void {
  mountMetricsRoute(server, services.metrics);
  mountHealthRoutes(server, {
    discordConnected: () =>
      client.isReady() && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    storeReachable: createStoreProbe(services.store, services.metrics),
  });
}

export async function startOpsServer(options: {
  port: number;
  host: string;
  client: Client;
  services: StartOpsServerServices;
}): Promise<{ server: HttpServer; port: number }> {
  const server = createHttpServer(options.services.log);
  mountOpsRoutes(server, options.client, options.services);
  const { port } = await server.listen(options.port, options.host);
  return { server, port };
}
