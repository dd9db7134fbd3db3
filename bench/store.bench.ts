// The data layer at a busy server's size, through the real store on each backend (SQLite file, PostgreSQL,
// Redis): 100,000 comparisons of realistic size (4 slots, 16 model calls, about 20 KB of trace text each) and
// 150,000 votes. Every measured operation runs in a fresh process (store-bench-worker.ts) so its time and
// memory are its own. Prints per backend: /leaderboard p50/p95 over 5 runs, start-up until ready at 1,000 and
// 100,000 comparisons, RSS growth, trl-dpo export and backup time with peak RSS, and a restore's counts.
// Size: STORE_BENCH_COMPARISONS (default 100000). Backends: STORE_BENCH_BACKENDS (default sqlite,postgres,redis).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ballotOf } from '../src/records/comparisons/ballot-of.ts';
import { SLOT_LETTERS, type ComparisonRecord } from '../src/records/comparisons/comparison.ts';
import { COMPARISON_NAMESPACES, RECORD_VERSION } from '../src/records/comparisons/stored-records.ts';
import type { PipelineResult, StepTrace } from '../src/engine/trace.ts';
import { migrateStore } from '../src/records/migrations/migrate-store.ts';
import { createComparisonStore } from '../src/records/comparisons/comparison-store.ts';
import { createCountRecords } from '../src/records/counting/count-records.ts';
import { openStore, type StoreOptions } from '../src/store/open-store.ts';
import { seededRandom } from '../src/base/seeded-random.ts';

const TOTAL = Number(process.env.STORE_BENCH_COMPARISONS ?? 100_000);
const SMALL = Math.min(1_000, TOTAL);
const BACKENDS = (process.env.STORE_BENCH_BACKENDS ?? 'sqlite,postgres,redis').split(',');
const PIPELINES = ['plain', 'cot', 'rules', 'constitution'];
const BATCH = 500;
const random = seededRandom(7);
const words = 'the a grey cat sleeps on warm stones while rain falls softly over quiet hills and rivers'.split(' ');
const text = (length: number) => {
  let out = '';
  while (out.length < length) out += `${words[Math.floor(random() * words.length)]} `;
  return out.slice(0, length);
};

function step(index: number): StepTrace {
  return {
    step: `step-${index}`,
    kind: index === 0 ? 'generate' : 'judge',
    model: 'gpt-4o-mini',
    params: { temperature: 0.7, maxTokens: 800 },
    inputMessages: [
      { role: 'system', content: text(300) },
      { role: 'user', content: text(200) },
    ],
    outputText: text(760),
    tokensIn: 150,
    tokensOut: 190,
    latencyMs: 900,
    costUsd: 0.0002,
  };
}

function result(pipelineId: string): PipelineResult {
  const trace = [0, 1, 2, 3].map(step);
  const answer = `## ${pipelineId}\n\n- ${text(300)}\n- **${text(40)}**\n\n${text(400)}`;
  return {
    pipelineId,
    version: 'abcdef123456',
    label: pipelineId,
    status: 'ok',
    answer,
    trace,
    totals: { calls: 4, tokensIn: 600, tokensOut: 760, costUsd: 0.0008, latencyMs: 3600 },
  };
}

function comparison(index: number): ComparisonRecord {
  const order = [...PIPELINES].sort(() => random() - 0.5);
  return {
    id: `c${String(index).padStart(11, '0')}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 300_000).toISOString(),
    guildId: `guild-${index % 3}`,
    channelId: 'channel-1',
    messageId: `m${index}`,
    requesterHash: `requester-${index % 500}`,
    conversation: [{ role: 'user', content: text(160) }],
    slots: order.map((pipelineId, slot) => ({ letter: SLOT_LETTERS[slot]!, pipelineId, result: result(pipelineId) })),
    status: 'done',
  };
}

/** 1.5 votes per comparison on average: one on even comparisons, two on odd ones. */
function votesOf(record: ComparisonRecord, index: number) {
  const voters = index % 2 === 0 ? [index % 500] : [index % 500, (index * 7 + 3) % 500];
  return voters.map((voter) => {
    const roll = random();
    const choice =
      roll < 0.1
        ? { kind: 'tie' as const }
        : roll < 0.15
          ? { kind: 'all-bad' as const }
          : { kind: 'pick' as const, slot: Math.floor(random() * 4) };
    const voterHash = `${voter.toString(16).padStart(8, '0')}${'f'.repeat(56)}`;
    return {
      key: `${record.id}:${voterHash}`,
      value: {
        comparisonId: record.id,
        voterHash,
        guildId: record.guildId,
        reactions: [{ choice, at: new Date(Date.parse(record.createdAt) + 60_000).toISOString(), afterReveal: false }],
      },
    };
  });
}

async function fill(options: StoreOptions, from: number, to: number): Promise<void> {
  const store = await openStore(options);
  const any = (name: string) => store.namespace(name, z.unknown());
  for (let start = from; start < to; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, to - start) }, (_, offset) => comparison(start + offset));
    await any(COMPARISON_NAMESPACES.ballots).setMany(
      records.map((record) => ({ key: record.id, value: ballotOf(record) })),
    );
    await any(COMPARISON_NAMESPACES.texts).setMany(
      records.map((record) => ({
        key: record.id,
        value: {
          v: RECORD_VERSION,
          id: record.id,
          conversation: record.conversation,
          answers: record.slots.map((slot) => slot.result!.answer),
        },
      })),
    );
    await any(COMPARISON_NAMESPACES.traces).setMany(
      records.flatMap((record) =>
        record.slots.map((slot, index) => ({
          key: `${record.id}:${index}`,
          value: { v: RECORD_VERSION, result: slot.result },
        })),
      ),
    );
    await any(COMPARISON_NAMESPACES.messages).setMany(
      records.map((record) => ({ key: record.messageId!, value: { comparisonId: record.id } })),
    );
    await any('votes').setMany(records.flatMap((record, offset) => votesOf(record, start + offset)));
  }
  await migrateStore(store, createComparisonStore(store)); // marks the layout, as a bot start would
  // Written raw, past the bot's writers: rebuild the count records, untimed, as the bot would have kept them.
  const countRecords = createCountRecords(store);
  await countRecords.clear();
  await countRecords.ensureComplete();
  await store.close();
}

async function clear(options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  for (const name of await store.namespaceNames()) await store.namespace(name, z.unknown()).clear();
  await store.namespace('store-namespaces', z.unknown()).clear();
  await store.close();
}

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

function work(operation: string, options: object): Record<string, unknown> {
  const flags = FLAGS[operation] ?? [];
  const output = execFileSync(
    process.execPath,
    [...flags, 'bench/store-bench-worker.ts', operation, JSON.stringify(options)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;
/** A figure the worker printed. */
const n = (value: unknown) => value as number;

function storeOptions(backend: string, dataDir: string, keyPrefix: string): StoreOptions {
  if (backend === 'redis')
    return { dataDir, keyPrefix, redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
  if (backend === 'postgres')
    return {
      dataDir,
      keyPrefix,
      postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    };
  return { dataDir, keyPrefix };
}

console.log(`store bench: ${TOTAL} comparisons (4 slots, 16 calls, ~20 KB of traces each), ${TOTAL * 1.5} votes`);
for (const backend of BACKENDS) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-store-'));
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const options = storeOptions(backend, dataDir, prefix);
  const restoreOptions = storeOptions(backend, path.join(dataDir, 'restored'), `${prefix}-restored`);
  try {
    await fill(options, 0, SMALL);
    const small = work('startup-and-leaderboard', { store: options, rounds: 1 });
    const filled = performance.now();
    await fill(options, SMALL, TOTAL);
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
