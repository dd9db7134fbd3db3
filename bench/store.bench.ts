// The data layer at a busy server's size, through the real store on each backend (SQLite file, PostgreSQL,
// Redis): 100,000 comparisons of realistic size (4 slots, 16 model calls, about 20 KB of trace text each) and
// 150,000 votes. Every measured operation runs in a fresh process (store-bench-worker.ts) so its time and
// memory are its own. Prints per backend: /leaderboard p50/p95 over 5 runs, start-up until ready at 1,000 and
// 100,000 comparisons, RSS growth, trl-dpo export and backup time with peak RSS, and a restore's counts.
// Size: STORE_BENCH_COMPARISONS (default 100000). Backends: STORE_BENCH_BACKENDS (default sqlite,postgres,redis).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { seededRandom } from '../src/base/seeded-random.ts';
import type { StoreOptions } from '../src/store/open-store.ts';
import { clear, fill, storeOptions, wordsOf, work as workIn, type Simulation } from './simulated-store.ts';

const TOTAL = Number(process.env.STORE_BENCH_COMPARISONS ?? 100_000);
const SMALL = Math.min(1_000, TOTAL);
const BACKENDS = (process.env.STORE_BENCH_BACKENDS ?? 'sqlite,postgres,redis').split(',');
const random = seededRandom(7);
const text = (length: number) => wordsOf(random, length);
const simulation: Simulation = {
  random,
  pipelines: ['plain', 'cot', 'rules', 'constitution'],
  slots: 4,
  spacingMs: 300_000,
  callsOf: () => 4,
  answer: (pipelineId) => `## ${pipelineId}\n\n- ${text(300)}\n- **${text(40)}**\n\n${text(400)}`,
  traceText: 760,
  prompt: () => text(160),
  strength: {},
};
/** Whole comparisons, 1.5 votes each, 500 per write; count records rebuilt as the bot would have kept them. */
const fillRange = (options: StoreOptions, from: number, to: number) =>
  fill(options, simulation, { from, to, perComparison: 1.5, batch: 500, whole: true, countRecords: true });

/** The node flags `npm run <script>` gives the tool (a bounded heap for the streaming ones), so the bench runs as users do. */
function nodeFlagsOf(script: string): string[] {
  const scripts = z
    .object({ scripts: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readFileSync('package.json', 'utf8'))).scripts;
  return scripts[script]?.match(/--max-old-space-size=\d+/g) ?? [];
}
const FLAGS: Record<string, string[]> = {
  export: nodeFlagsOf('export'),
  backup: nodeFlagsOf('backup'),
  restore: nodeFlagsOf('restore'),
};

const work = (operation: string, options: object) =>
  workIn('bench/store-bench-worker.ts', operation, options, FLAGS[operation]);

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;
/** A figure the worker printed. */
const n = (value: unknown) => value as number;

console.log(`store bench: ${TOTAL} comparisons (4 slots, 16 calls, ~20 KB of traces each), ${TOTAL * 1.5} votes`);
for (const backend of BACKENDS) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-store-'));
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const options = storeOptions(backend, dataDir, prefix);
  const restoreOptions = storeOptions(backend, path.join(dataDir, 'restored'), `${prefix}-restored`);
  try {
    await fillRange(options, 0, SMALL);
    const small = work('startup-and-leaderboard', { store: options, rounds: 1 });
    const filled = performance.now();
    await fillRange(options, SMALL, TOTAL);
    const fillSeconds = (performance.now() - filled) / 1000;
    const big = work('startup-and-leaderboard', { store: options, rounds: 5 });
    const times = big.times as number[];
    const exported = work('export', { store: options });
    const file = path.join(dataDir, 'backup.jsonl');
    const backup = work('backup', { store: options, file });
    const restored = work('restore', { store: restoreOptions, file });
    // Namespaces that were empty in the source have no line in the backup, so compare the non-empty ones.
    const nonEmpty = (counts: unknown) =>
      JSON.stringify(
        Object.entries(counts as Record<string, number>)
          .filter(([, count]) => count > 0)
          .sort(),
      );
    const identical = nonEmpty(backup.perNamespace) === nonEmpty(restored.perNamespace);
    console.log(`\n${backend} (filled ${TOTAL - SMALL} comparisons in ${fillSeconds.toFixed(0)} s)`);
    console.log(
      `  /leaderboard, board stored and current (the usual case): p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))} over ${times.length} runs, charts and message included (target < 1000 ms p50)`,
    );
    console.log(
      `  /leaderboard after a new vote: stored board shown (marked recounting) in ${ms(n(big.staleMs))}, recounted board ready after ${ms(n(big.recountMs))}${big.recounting ? '' : ' (NOT marked stale)'}`,
    );
    console.log(
      `  counting every vote (first request, or a recount): ${ms(n(big.countMs))} for ${n(big.rated)} rated votes; ${ms(n(small.countMs))} at ${SMALL} comparisons`,
    );
    console.log(
      `  start-up until ready: ${ms(n(small.startupMs))} at ${SMALL}, ${ms(n(big.startupMs))} at ${TOTAL} (target < 3000 ms, same at both)`,
    );
    const growth = (figures: Record<string, unknown>, after: string) => mb(n(figures[after]) - n(figures.afterStartup));
    console.log(
      `  RSS: ${mb(n(big.baseline))} at launch, ${mb(n(big.afterStartup))} after start-up; growth since start-up ${growth(big, 'afterCount')} after the first count, ${growth(big, 'afterLeaderboard')} after ${times.length} more leaderboards, ${growth(big, 'afterRecount')} after a recount (target < 100 MB; at ${SMALL} comparisons: ${growth(small, 'afterRecount')}); peak ${mb(n(big.peak))} while a worker counted`,
    );
    console.log(
      `  export trl-dpo: ${ms(n(exported.ms))} for ${n(exported.lines)} lines from ${n(exported.votes)} votes, peak RSS ${mb(n(exported.peak))} (growth ${mb(n(exported.peak) - n(exported.baseline))}; target < 150 MB)`,
    );
    console.log(
      `  backup: ${ms(n(backup.ms))}, ${n(backup.records)} records, ${mb(n(backup.bytes) / 1024 / 1024)} file, peak RSS ${mb(n(backup.peak))} (growth ${mb(n(backup.peak) - n(backup.baseline))})`,
    );
    console.log(
      `  restore into an empty store: ${ms(n(restored.ms))}, ${n(restored.records)} records, counts per namespace ${identical ? 'identical' : `DIFFER: ${JSON.stringify(restored.perNamespace)}`}`,
    );
  } finally {
    if (backend !== 'sqlite') {
      await clear(options);
      await clear(restoreOptions);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
