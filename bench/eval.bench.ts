// Benchmark: does the eval runner keep the model busy? The reasoning suite runs 200 generated items × 4
// pipelines against a fake model (another process, real HTTP) that answers every call after L ms. Ideal
// wall time = items × the slowest pipeline's critical path (its sequential calls × L) ÷ concurrency; we print
// wall ÷ ideal (target ≤ 1.1). Then, for the README, every pipeline’s calls and cost relative to plain.
// BENCH_LATENCY_MS (default 500) and BENCH_CONCURRENCY (items in flight, default 20) change the set-up.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildEngine } from '../src/app/build-engine.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import { loadEngineSettings } from '../src/config/env.ts';
import { createEngine, type Engine } from '../src/engine/create-engine.ts';
import { crossRuns } from '../src/engine/cross-runs.ts';
import type { ChatModel } from '../src/llm/chat-model.ts';
import { generateWordProblems, toJsonl } from '../src/eval/reasoning/arithmetic-problems.ts';
import { evaluate } from '../src/eval/evaluate.ts';
import { scriptedChatModel } from '../test/fakes/scripted-chat-model.ts';
import { benchScript } from './bench-script.ts';
import { criticalPathCalls } from './critical-path.ts';
import { startFakeModelProcess } from './start-fake-model.ts';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 500);
const ITEMS = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const PIPELINES = ['plain', 'cot', 'self-consistency', 'few-shot'];

const folder = await mkdtemp(path.join(tmpdir(), 'eval-bench-'));
const setPath = path.join(folder, 'problems.jsonl');
await writeFile(setPath, toJsonl(generateWordProblems(ITEMS, 1)));

const models = { generator: 'gpt-4o-mini', judge: 'gpt-4o-mini' };
const suite = (
  engine: Engine,
  model: ChatModel,
  suiteName: 'reasoning' | 'safety',
  pipelineIds: string[],
  options: { setPath: string; limit?: number; concurrency: number },
) =>
  evaluate({
    suite: suiteName,
    pipelineIds,
    repeat: 1,
    seed: 1,
    engine,
    model,
    models,
    promptsDir: 'prompts',
    ...options,
  });
const conversation = [{ role: 'user' as const, content: 'A shop sells pens for $3 each. How much do 4 pens cost?' }];

async function measure(title: string, engine: Engine, model: ChatModel): Promise<void> {
  const depth = Math.max(...(await engine.compare(crossRuns(PIPELINES), conversation)).map(criticalPathCalls));
  const ideal = (ITEMS * depth * LATENCY_MS) / CONCURRENCY;
  const started = performance.now();
  const report = await suite(engine, model, 'reasoning', PIPELINES, { setPath, concurrency: CONCURRENCY });
  const wall = performance.now() - started;
  const calls = report.pipelines.reduce((sum, pipeline) => sum + pipeline.usage.calls, 0);
  const failed = report.records.filter((record) => record.status !== 'ok').length;
  console.log(title);
  console.log(
    `  ${calls} calls, wall ${wall.toFixed(0)} ms, ideal ${ITEMS} × ${depth} × L ÷ ${CONCURRENCY} = ${ideal.toFixed(0)} ms, ratio ${(wall / ideal).toFixed(3)}${failed ? `, ${failed} FAILED` : ''}`,
  );
}

console.log(
  `eval benchmark: ${ITEMS} items × ${PIPELINES.join(', ')}; L = ${LATENCY_MS} ms; concurrency ${CONCURRENCY} items; target ratio ≤ 1.1`,
);
const shippedCatalog = await loadCatalog('prompts');
const inProcess = scriptedChatModel(benchScript(), { latencyMs: LATENCY_MS });
await measure(
  'runner and engine with an in-process fake model (their own scheduling):',
  createEngine({ catalog: () => shippedCatalog, model: inProcess, models, pipelineTimeoutMs: 600_000 }),
  inProcess,
);
const server = await startFakeModelProcess(LATENCY_MS);
const { engine, model, catalog } = await buildEngine(
  loadEngineSettings({
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: server.baseURL,
    LLM_CONCURRENCY: '2000',
    LLM_MAX_RETRIES: '0',
    PIPELINE_TIMEOUT_MS: '600000',
    PROMPTS_DIR: 'prompts',
  }),
);
await measure('full stack: real openai client over HTTP to the fake server in another process:', engine, model);

// Calls and cost per answer of every shipped pipeline relative to plain, on both suites' shipped sets.
console.log('\ncalls and cost per answer on the fake model (prices from prompts/prices.yaml, judge calls excluded):');
const everyPipeline = engine.pipelines().map((pipeline) => pipeline.id);
for (const [suiteName, shipped] of [
  ['reasoning', 'prompts/eval/arithmetic.jsonl'],
  ['safety', 'prompts/eval/safety.csv'],
] as const) {
  const measured = await suite(engine, model, suiteName, everyPipeline, {
    setPath: shipped,
    limit: 20,
    concurrency: CONCURRENCY,
  });
  const plain = measured.pipelines.find((pipeline) => pipeline.id === 'plain')?.usage;
  console.log(`  ${suiteName} (first 20 items):`);
  for (const pipeline of measured.pipelines) {
    const { calls: pipelineCalls, costUsd, answers } = pipeline.usage;
    const relative = costUsd !== null && plain?.costUsd ? `${(costUsd / plain.costUsd).toFixed(1)}× plain` : 'n/a';
    console.log(
      `    ${pipeline.id.padEnd(17)} ${(pipelineCalls / answers).toFixed(1).padStart(5)} calls/answer  cost ${relative}`,
    );
  }
}
catalog.close();
await server.stop();
