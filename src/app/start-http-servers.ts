// The bot's HTTP servers: metrics and health checks on METRICS_PORT (+ the shard id), the public leaderboard
// page on WEB_PORT. Equal ports share one server; the page is served by one process only (shard 0), since
// every shard reads the same store and would show the same page.
import type { Client } from 'discord.js';
import type { Services } from '../bot/services.ts';
import type { BotSettings } from '../config/env.ts';
import { createHttpServer, type HttpServer } from '../web/http-server.ts';
// Before the page: under vitest's module runner, vega-lite loaded ahead of discord.js breaks discord.js's import
// (plain Node does not mind).
import { mountOpsRoutes } from './start-ops-server.ts';
import { mountLeaderboardPage } from '../web/mount-leaderboard-page.ts';

/** A port that could not be opened, in words an operator can act on. */
export class ListenError extends Error {}

export interface HttpServers {
  /** One line per server: what it serves and where. */
  lines: string[];
  close(): Promise<void>;
}

type PortSettings = Pick<BotSettings, 'METRICS_PORT' | 'METRICS_HOST' | 'WEB_PORT' | 'WEB_HOST'>;

export async function startHttpServers(options: {
  settings: PortSettings;
  shardId: number | null;
  client: Client;
  services: Pick<Services, 'catalog' | 'experiments' | 'leaderboards' | 'log' | 'metrics' | 'settings' | 'store'>;
}): Promise<HttpServers> {
  const { settings, shardId, client, services } = options;
  const metricsPort = settings.METRICS_PORT === undefined ? undefined : settings.METRICS_PORT + (shardId ?? 0);
  const webPort = (shardId ?? 0) === 0 ? settings.WEB_PORT : undefined;
  const shared = metricsPort !== undefined && metricsPort === webPort;
  const plans: { setting: string; port: number; host: string; ops: boolean; page: boolean }[] = [];
  if (metricsPort !== undefined)
    plans.push({
      setting: shared ? 'METRICS_PORT and WEB_PORT' : 'METRICS_PORT',
      port: metricsPort,
      host: settings.METRICS_HOST,
      ops: true,
      page: shared,
    });
  if (webPort !== undefined && !shared)
    plans.push({ setting: 'WEB_PORT', port: webPort, host: settings.WEB_HOST, ops: false, page: true });

  const started: HttpServer[] = [];
  const close = async () => {
    await Promise.all(started.map((server) => server.close()));
  };
  const lines: string[] = [];
  for (const plan of plans) {
    const server = createHttpServer(services.log);
    if (plan.ops) mountOpsRoutes(server, client, services);
    if (plan.page) mountLeaderboardPage(server, services);
    const { port } = await server.listen(plan.port, plan.host).catch(async (error: unknown) => {
      await close();
      throw new ListenError(
        `${plan.setting}: cannot listen on ${plan.host}:${plan.port} (${error instanceof Error ? error.message : String(error)})`,
      );
    });
    started.push(server);
    const serves = [
      ...(plan.ops ? ['metrics and health checks (/metrics, /healthz, /readyz)'] : []),
      ...(plan.page ? ['the leaderboard page (/)'] : []),
    ];
    lines.push(`${serves.join(' and ')} on http://${plan.host}:${port}`);
  }
  return { lines, close };
}
