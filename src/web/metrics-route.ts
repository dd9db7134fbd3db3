// GET /metrics in the Prometheus text format.
import type { HttpServer } from './http-server.ts';
import type { BotMetrics } from '../metrics/bot-metrics.ts';

export function mountMetricsRoute(server: HttpServer, metrics: BotMetrics): void {
  server.get('/metrics', async () => ({
    status: 200,
    contentType: metrics.registry.contentType,
    body: await metrics.registry.metrics(),
  }));
}
