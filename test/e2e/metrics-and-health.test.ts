// Operators' endpoints on METRICS_PORT: after a /compare and a vote through the fake Discord and the fake model
// server, /metrics shows the comparison, each pipeline's calls, tokens and latency, and the vote; /healthz
// answers while the process lives; /readyz only while Discord is connected and the store answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpsServer } from '../../src/app/start-ops-server.ts';
import type { HttpServer } from '../../src/web/http-server.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
let ops: { server: HttpServer; port: number };
beforeEach(async () => {
  harness = await startHarness({ env: { COMPARE_PIPELINES: 'plain,cot' } });
  harness.model.respond(pipelineAnswers());
  ops = await startOpsServer({ port: 0, host: '127.0.0.1', client: harness.bot.client, services: harness.services });
});
afterEach(async () => {
  await ops.server.close();
  await harness.stop();
});

const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${ops.port}${path}`);
  return { status: response.status, body: await response.text() };
};

/** The value of one sample line, e.g. `dialoglab_tokens_total{pipeline="cot",direction="input"}`. */
const sample = (body: string, series: string): number | undefined => {
  const line = body.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('metrics and health endpoints', () => {
  it('count a /compare, its pipelines and a vote on /metrics', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Is tea good for you?' },
    });
    const done = await handle.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => discord.reactions(done.id).length === 4 || undefined, {
      timeoutMs: 10_000,
      description: 'vote reactions',
    });
    discord.addReaction({ userId: discord.userId('bob'), messageId: done.id, emoji: '🇦' });

    const metrics = await eventually(
      async () => {
        const { status, body } = await get('/metrics');
        expect(status).toBe(200);
        expect(sample(body, 'dialoglab_votes_total{change="add"}')).toBe(1);
        return body;
      },
      { timeoutMs: 5000, description: 'the vote on /metrics' },
    );
    expect(sample(metrics, 'dialoglab_compares_total')).toBe(1);
    expect(sample(metrics, 'dialoglab_pipeline_runs_total{pipeline="plain",status="ok"}')).toBe(1);
    expect(sample(metrics, 'dialoglab_model_calls_total{pipeline="plain"}')).toBe(1);
    expect(sample(metrics, 'dialoglab_model_calls_total{pipeline="cot"}')).toBe(2);
    expect(sample(metrics, 'dialoglab_tokens_total{pipeline="cot",direction="input"}')).toBeGreaterThan(0);
    expect(sample(metrics, 'dialoglab_pipeline_duration_seconds_count{pipeline="cot"}')).toBe(1);
    expect(metrics).toContain('dialoglab_cost_usd_total{pipeline="plain"}');
    expect(sample(metrics, 'dialoglab_store_up')).toBe(1);
    expect(harness.loggedErrors).toEqual([]);
  });

  it('count failed pipelines by failure kind', async () => {
    harness.model.respond(() => ({ status: 500 }));
    const { discord } = harness;
    discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'Is tea good for you?' },
    });
    await eventually(
      async () => {
        const { body } = await get('/metrics');
        expect(sample(body, 'dialoglab_errors_total{kind="server"}')).toBe(2);
        expect(sample(body, 'dialoglab_pipeline_runs_total{pipeline="cot",status="error"}')).toBe(1);
      },
      { timeoutMs: 10_000, description: 'two server failures on /metrics' },
    );
  });

  it('answer /healthz, and /readyz until Discord is disconnected', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
    expect(await get('/readyz')).toEqual({ status: 200, body: 'ready\n' });
    expect((await get('/nothing-here')).status).toBe(404);

    await harness.bot.client.destroy();
    expect(await get('/readyz')).toEqual({ status: 503, body: 'discord: not connected\n' });
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
  });

  it('report an unreachable store on /readyz and in the store gauge', async () => {
    await harness.services.store.close();
    expect(await get('/readyz')).toEqual({ status: 503, body: 'store: not reachable\n' });
    expect(sample((await get('/metrics')).body, 'dialoglab_store_up')).toBe(0);
  });
});
