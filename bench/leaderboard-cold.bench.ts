// A cold count (no board stored: a new option set, a restore, a recount) from the real store on SQLite and
// PostgreSQL: 100,000 comparisons (4 slots) with 150,000 votes, style control and sandwich intervals, the old read
// path (whole ballots and vote histories) beside the new one (count records), each in a fresh process
// (leaderboard-cold-worker.ts); then 1,000,000 votes through the same store path. Targets: under 2 s and 250 MB
// at 150,000 votes, under 15 s and 1 GB at 1,000,000. Only ballots and votes are filled: a count reads nothing else.
// Size: LEADERBOARD_COLD_COMPARISONS (100000), LEADERBOARD_COLD_MILLION (1000000 votes; 0 skips).
// Backends: LEADERBOARD_COLD_BACKENDS (sqlite,postgres).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { seededRandom } from '../src/base/seeded-random.ts';
import type { PipelineResult } from '../src/engine/trace.ts';
import { ballotOf } from '../src/records/comparisons/ballot-of.ts';
import { SLOT_LETTERS, type ComparisonRecord } from '../src/records/comparisons/comparison.ts';
import { COMPARISON_NAMESPACES } from '../src/records/comparisons/stored-records.ts';
import { createComparisonStore } from '../src/records/comparisons/comparison-store.ts';
import { migrateStore } from '../src/records/migrations/migrate-store.ts';
import { openStore, type StoreOptions } from '../src/store/open-store.ts';

const TOTAL = Number(process.env.LEADERBOARD_COLD_COMPARISONS ?? 100_000);
const MILLION = Number(process.env.LEADERBOARD_COLD_MILLION ?? 1_000_000);
const BACKENDS = (process.env.LEADERBOARD_COLD_BACKENDS ?? 'sqlite,postgres').split(',');
const PIPELINES = ['plain', 'cot', 'rules', 'constitution', 'best-of-n', 'self-consistency'];
const STRENGTH: Record<string, number> = {
  plain: 0,
  cot: 0.3,
  rules: -0.2,
  constitution: 0.15,
  'best-of-n': 0.5,
  'self-consistency': 0.35,
};
const BATCH = 1000;
const random = seededRandom(11);

function result(pipelineId: string): PipelineResult {
  const words = 20 + Math.floor(random() * 200);
  const answer = `${random() < 0.3 ? '## Answer\n\n' : ''}${'word '.repeat(words)}${random() < 0.3 ? '\n- **one**\n- two' : ''}`;
  const calls =
    pipelineId === 'best-of-n' || pipelineId === 'self-consistency' ? 5 : pipelineId === 'constitution' ? 3 : 1;
  return {
    pipelineId,
    version: 'abcdef123456',
    label: pipelineId,
    status: 'ok',
    answer,
    trace: [],
    totals: {
      calls,
      tokensIn: 150 * calls,
      tokensOut: 190 * calls,
      costUsd: 0.0002 * calls,
      latencyMs: 900 * calls + Math.floor(random() * 400),
    },
  };
}

function comparison(index: number): ComparisonRecord {
  const order = [...PIPELINES].sort(() => random() - 0.5).slice(0, 4);
  return {
    id: `c${String(index).padStart(11, '0')}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 30_000).toISOString(),
    guildId: `guild-${index % 3}`,
    channelId: 'channel-1',
    messageId: `m${index}`,
    requesterHash: `requester-${index % 500}`,
    conversation: [],
    status: 'done',
    slots: order.map((pipelineId, slot) => ({ letter: SLOT_LETTERS[slot]!, pipelineId, result: result(pipelineId) })),
  };
}

/** `perComparison` votes on average: one or two voters (1.5), or always two (2). */
function votesOf(record: ComparisonRecord, index: number, perComparison: number) {
  const voters = perComparison >= 2 || index % 2 === 1 ? [index % 500, (index * 7 + 3) % 500] : [index % 500];
  return voters.map((voter) => {
    const roll = random();
    const weights = record.slots.map((slot) => Math.exp(STRENGTH[slot.pipelineId]!));
    let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
    const picked = Math.max(
      0,
      weights.findIndex((weight) => (target -= weight) < 0),
    );
    const choice =
      roll < 0.1
        ? { kind: 'tie' as const }
        : roll < 0.15
          ? { kind: 'all-bad' as const }
          : { kind: 'pick' as const, slot: picked };
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

/** Ballots and votes written raw, as a store from before count records holds them. */
async function fill(options: StoreOptions, comparisons: number, perComparison: number): Promise<number> {
  const store = await openStore(options);
  const any = (name: string) => store.namespace(name, z.unknown());
  let votes = 0;
  for (let start = 0; start < comparisons; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, comparisons - start) }, (_, offset) =>
      comparison(start + offset),
    );
    const batch = records.flatMap((record, offset) => votesOf(record, start + offset, perComparison));
    votes += batch.length;
    await any(COMPARISON_NAMESPACES.ballots).setMany(
      records.map((record) => ({ key: record.id, value: ballotOf(record) })),
    );
    await any('votes').setMany(batch);
  }
  await migrateStore(store, createComparisonStore(store));
  await store.close();
  return votes;
}

async function clear(options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  for (const name of await store.namespaceNames()) await store.namespace(name, z.unknown()).clear();
  await store.namespace('store-namespaces', z.unknown()).clear();
  await store.close();
}

function work(operation: string, options: StoreOptions): Record<string, number> {
  const output = execFileSync(
    process.execPath,
    ['bench/leaderboard-cold-worker.ts', operation, JSON.stringify({ store: options })],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number>;
}

function storeOptions(backend: string, dataDir: string, keyPrefix: string): StoreOptions {
  if (backend === 'postgres')
    return {
      dataDir,
      keyPrefix,
      postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    };
  return { dataDir, keyPrefix };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (value: number) => `${Math.round(value)} MB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER');

async function measure(
  backend: string,
  comparisons: number,
  perComparison: number,
  withOld: boolean,
  target: { ms: number; mb: number },
) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-cold-'));
  const options = storeOptions(backend, dataDir, `bench-cold-${randomBytes(3).toString('hex')}`);
  try {
    const filledAt = performance.now();
    const votes = await fill(options, comparisons, perComparison);
    console.log(
      `\n${backend}: ${comparisons} comparisons, ${votes} votes (filled in ${s(performance.now() - filledAt)})`,
    );
    const old = withOld ? work('old', options) : null;
    const backfill = work('backfill', options);
    const fresh = work('new', options);
    const thread = work('thread', options);
    const growth = (figures: Record<string, number>) => figures.peak! - figures.baseline!;
    console.log('                              old read path       count records       target');
    console.log(
      `  cold count                  ${(old ? s(old.ms!) : 'not run').padEnd(20)}${s(fresh.ms!).padEnd(20)}< ${s(target.ms)} ${verdict(fresh.ms! < target.ms)}`,
    );
    console.log(
      `  peak RSS growth             ${(old ? mb(growth(old)) : 'not run').padEnd(20)}${mb(growth(fresh)).padEnd(20)}< ${mb(target.mb)} ${verdict(growth(fresh) < target.mb)}`,
    );
    console.log(`  peak RSS (whole process)    ${(old ? mb(old.peak!) : 'not run').padEnd(20)}${mb(fresh.peak!)}`);
    console.log(
      `  the bot's count in its worker thread (thread start and module loading included): ${s(thread.ms!)}, peak RSS growth ${mb(growth(thread))}`,
    );
    console.log(
      `  same top row                ${old ? String(old.top === fresh.top && old.rated === fresh.rated) : '-'} (${fresh.rated} rated votes)`,
    );
    console.log(
      `  once per older store: filling in ${backfill.written} count records took ${s(backfill.ms!)}, peak RSS growth ${mb(growth(backfill))}`,
    );
  } finally {
    if (backend !== 'sqlite') await clear(options);
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  'leaderboard-cold: a count with no stored board (style control, sandwich intervals), old read path beside count records',
);
for (const backend of BACKENDS) await measure(backend, TOTAL, 1.5, true, { ms: 2000, mb: 250 });
if (MILLION > 0)
  for (const backend of BACKENDS)
    await measure(backend, Math.ceil(MILLION / 2), 2, process.env.LEADERBOARD_COLD_MILLION_OLD === '1', {
      ms: 15_000,
      mb: 1024,
    });
