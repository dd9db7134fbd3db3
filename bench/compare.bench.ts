// Benchmark: does /compare run its pipelines as concurrently as the techniques allow? A fake model
// answers every call after a fixed latency L; we print wall time / the slowest pipeline's critical path
// (its sequential model calls × L). Target ≤ 1.05 for one compare of 4 pipelines and for 50 at once.
import { buildEngine } from '../src/app/build-engine.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { loadEngineSettings } from '../src/config/env.ts';
import { createEngine, type Engine } from '../src/engine/create-engine.ts';
import { crossRuns } from '../src/engine/cross-runs.ts';
import { scriptedChatModel } from '../test/fakes/scripted-chat-model.ts';
import { benchScript } from './bench-script.ts';
import { criticalPathCalls } from './critical-path.ts';
import { startFakeModelProcess } from './start-fake-model.ts';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 500);
const PIPELINES = ['plain', 'cot', 'rules', 'constitution'];
const conversation = [{ role: 'user' as const, content: 'Why is the sky blue?' }];

async function measure(engine: Engine, concurrentCompares: number) {
  const started = performance.now();
  const runs = await Promise.all(
    Array.from({ length: concurrentCompares }, () => engine.compare(crossRuns(PIPELINES), conversation)),
  );
  const wall = performance.now() - started;
  const results = runs.flat();
  const depth = Math.max(...results.map(criticalPathCalls));
  return {
    wall,
    depth,
    ratio: wall / (depth * LATENCY_MS),
    failed: results.filter((result) => result.status !== 'ok').length,
    calls: results.reduce((sum, result) => sum + result.totals.calls, 0),
  };
}

async function report(title: string, engine: Engine) {
  await measure(engine, 50); // warm-up at full load: JIT, zod schema compilation, sockets
  console.log(title);
  for (const concurrent of [1, 50]) {
    const { wall, depth, ratio, failed, calls } = await measure(engine, concurrent);
    console.log(
      `  ${String(concurrent).padStart(2)} concurrent compare(s): ${calls} calls, wall ${wall.toFixed(0)} ms, critical path ${depth} × L = ${depth * LATENCY_MS} ms, ratio ${ratio.toFixed(3)}${failed ? `, ${failed} FAILED` : ''}`,
    );
  }
}

console.log(
  `compare benchmark: L = ${LATENCY_MS} ms per model call; pipelines ${PIPELINES.join(', ')}; target ratio ≤ 1.05`,
);
const catalog = await loadCatalog('prompts');
await report(
  'engine with an in-process fake model (the engine’s own scheduling):',
  createEngine({
    catalog: () => catalog,
    model: scriptedChatModel(benchScript(), { latencyMs: LATENCY_MS }),
    models: { generator: 'm', judge: 'm' },
    pipelineTimeoutMs: 120_000,
  }),
);

const server = await startFakeModelProcess(LATENCY_MS);
const { engine } = await buildEngine(
  loadEngineSettings({
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: server.baseURL,
    LLM_CONCURRENCY: '2000',
    LLM_MAX_RETRIES: '0',
    PROMPTS_DIR: 'prompts',
  }),
);
await report('full stack: real openai client over HTTP to the fake server in another process:', engine);
await server.stop();
