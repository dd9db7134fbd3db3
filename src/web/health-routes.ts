// Liveness and readiness for orchestrators: /healthz answers while the process runs; /readyz only while the
// bot is connected to Discord and a cheap read reaches the store, and says which one is missing.
import { type HttpServer, textReply } from './http-server.ts';

export interface ReadinessChecks {
  discordConnected(): boolean;
  /** Resolves true when a cheap read reached the store in time. */
  storeReachable(): Promise<boolean>;
}

export function mountHealthRoutes(server: HttpServer, checks: ReadinessChecks): void {
  server.get('/healthz', () => textReply(200, 'ok\n'));
  server.get('/readyz', async () => {
    const problems = [
      ...(checks.discordConnected() ? [] : ['discord: not connected']),
      ...((await checks.storeReachable()) ? [] : ['store: not reachable']),
    ];
    return problems.length === 0 ? textReply(200, 'ready\n') : textReply(503, `${problems.join('\n')}\n`);
  });
}
