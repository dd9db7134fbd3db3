// Store listing speed at arena scale, through the real store on SQLite, PostgreSQL and Redis: 150 000 vote-sized
// values (~300 bytes) in one namespace among 350 000 keys of other namespaces. Prints, per backend, a full ordered
// listing of the votes (p50 of 3) with RSS growth, a 1 000-key namespace listed beside them (it must not walk the
// others), and on PostgreSQL the plan of a listing page. Pass backend names to run some: `node
// bench/store-scan.bench.ts postgres`. Needs Redis on 127.0.0.1:6379 and PostgreSQL 127.0.0.1:5432/test, as the tests.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Keyv } from 'keyv';
import pg from 'pg';
import { z } from 'zod';
import { openStore, type StoreOptions } from '../src/store/open-store.ts';
import { scanPageQuery } from '../src/store/postgres-backend.ts';
import { decodeStoredText, type StoreNamespace } from '../src/store/store-namespace.ts';

const VOTES = 150_000;
const OTHER_KEYS = 350_000;
const SMALL_NAMESPACE = 1_000;
const RUNS = 3;
const BATCH = 1_000;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

// Shaped like a stored vote (comparisonId, voterHash, choice, castAt, afterReveal, guildId) plus slot details.
const Vote = z.object({
  comparisonId: z.string(),
  voterHash: z.string(),
  choice: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('pick'), slot: z.int() }),
    z.object({ kind: z.literal('tie') }),
  ]),
  castAt: z.string(),
  afterReveal: z.boolean(),
  guildId: z.string().nullable(),
  slots: z.array(z.object({ pipelineId: z.string(), status: z.enum(['ok', 'error']) })),
});
type Vote = z.infer<typeof Vote>;

const voteAt = (index: number): Vote => ({
  comparisonId: `c${String(Math.floor(index / 3)).padStart(6, '0')}`,
  voterHash: `v${(index * 7919) % 100_003}`.padEnd(44, 'x'),
  choice: index % 7 === 0 ? { kind: 'tie' } : { kind: 'pick', slot: index % 4 },
  castAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
  afterReveal: index % 31 === 0,
  guildId: '123456789012345678',
  slots: ['plain', 'cot', 'rules', 'constitution'].map((pipelineId) => ({ pipelineId, status: 'ok' as const })),
});

async function fill<Value>(
  namespace: StoreNamespace<Value>,
  count: number,
  valueAt: (index: number) => { key: string; value: Value },
) {
  for (let start = 0; start < count; start += BATCH) {
    const entries = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => valueAt(start + offset));
    await namespace.keyv.setMany(entries);
  }
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** One full listing: time, entries, whether keys came in order, and the RSS peak above the start. */
async function listAll<Value>(namespace: StoreNamespace<Value>) {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let count = 0;
  let previous = '';
  let ordered = true;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for await (const [key] of namespace.entries()) {
    if (key <= previous) ordered = false;
    previous = key;
    count += 1;
    if (count % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    count,
    ordered,
    rssGrowth: Math.max(peak, process.memoryUsage().rss) - rssBefore,
  };
}

const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

async function explainPostgresPage(keyPrefix: string) {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
  try {
    const scope = `${keyPrefix}.votes`;
    const page = scanPageQuery('public.keyv', { from: `${scope}:c025000`, inclusive: false }, `${scope};`);
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${page.text}`, page.values);
    return rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
  } finally {
    await pool.end();
  }
}

async function benchBackend(name: string, options: (dataDir: string) => StoreOptions) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dialog-lab-bench-'));
  const keyPrefix = `bench-${randomUUID().slice(0, 8)}`;
  const store = await openStore({ ...options(dataDir), keyPrefix });
  const votes = store.namespace('votes', Vote);
  const others = [store.namespace('comparisons', z.unknown()), store.namespace('comparison-parts', z.unknown())];
  const small = store.namespace('reveals', z.unknown());
  try {
    const filling = performance.now();
    await fill(votes, VOTES, (index) => {
      const vote = voteAt(index);
      return { key: `${vote.comparisonId}:${vote.voterHash}`, value: vote };
    });
    await fill(others[0]!, OTHER_KEYS / 2, (index) => ({
      key: `c${index}`,
      value: { status: 'done', createdAt: '2026-01-01T00:00:00.000Z', index },
    }));
    await fill(others[1]!, OTHER_KEYS / 2 - SMALL_NAMESPACE, (index) => ({
      key: `c${index}:slot-${index % 4}`,
      value: { text: 'x'.repeat(120) },
    }));
    await fill(small, SMALL_NAMESPACE, (index) => ({ key: `c${index}:someone`, value: true }));
    const rawLength = (await votes.keyv.serialize!({ value: voteAt(1), expires: undefined })).length;
    console.log(
      `${name}: filled ${VOTES + OTHER_KEYS} keys (vote values ${rawLength} bytes) in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
    );

    const smallListing = await listAll(small); // the first listing also builds any missing index (Redis, PostgreSQL)
    const runs = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await listAll(votes));
    const smallRuns = [];
    for (let run = 0; run < RUNS; run += 1) smallRuns.push((await listAll(small)).ms);
    const p50 = median(runs.map((run) => run.ms));
    console.log(
      `  votes listed in key order: ${runs.every((run) => run.ordered && run.count === VOTES) ? 'yes' : 'NO'}, ` +
        `p50 ${p50.toFixed(0)} ms (runs ${runs.map((run) => run.ms.toFixed(0)).join(', ')}; this process's CPU p50 ` +
        `${median(runs.map((run) => run.cpuMs)).toFixed(0)} ms), ${(VOTES / p50).toFixed(0)} entries/ms, ` +
        `RSS growth ${megabytes(Math.max(...runs.map((run) => run.rssGrowth)))}`,
    );
    console.log(
      `  ${SMALL_NAMESPACE}-key namespace among ${VOTES + OTHER_KEYS}: first listing ${smallListing.ms.toFixed(0)} ms, then p50 ${median(smallRuns).toFixed(1)} ms`,
    );
    if (name === 'postgres') console.log(`  plan of one listing page:\n${await explainPostgresPage(keyPrefix)}`);
  } finally {
    if (name !== 'sqlite') for (const namespace of [votes, ...others, small]) await namespace.clear();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Keyv's own decoding against the store's, on the same raw vote texts: the store's skips the reviver when it can. */
async function benchDecoding() {
  const keyv = new Keyv();
  const raw = await Promise.all(
    Array.from({ length: 50_000 }, (_, index) => keyv.serialize!({ value: voteAt(index), expires: undefined })),
  );
  const decode = keyv.deserialize!;
  const time = async (label: string, parse: (text: string) => unknown) => {
    const started = performance.now();
    for (const text of raw) await parse(text);
    return { label, ms: performance.now() - started };
  };
  const reviver = await time("Keyv's reviver", decode);
  const plain = await time("the store's", (text) => decodeStoredText(text, decode));
  console.log(
    `decoding ${raw.length} votes: ${reviver.label} ${reviver.ms.toFixed(0)} ms, ${plain.label} ${plain.ms.toFixed(0)} ms = ${(reviver.ms / plain.ms).toFixed(1)} x faster`,
  );
}

const backends: Array<[string, (dataDir: string) => StoreOptions]> = [
  ['sqlite', (dataDir) => ({ dataDir })],
  ['postgres', (dataDir) => ({ dataDir, postgresUrl: POSTGRES_URL })],
  ['redis', (dataDir) => ({ dataDir, redisUrl: REDIS_URL })],
];
const wanted = process.argv.slice(2);
// Other work on the machine stretches wall times; the load average says how much to trust them.
console.log(
  `load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
await benchDecoding();
for (const [name, options] of backends)
  if (wanted.length === 0 || wanted.includes(name)) await benchBackend(name, options);
