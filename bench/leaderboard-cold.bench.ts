// A cold count (no board stored: a new option set, a restore, a recount) from the real store on SQLite and
// PostgreSQL: 100,000 comparisons (4 slots) with 150,000 votes, style control and sandwich intervals, the old read
// path (whole ballots and vote histories) beside the new one (count records read in segments), each in a fresh process
// (leaderboard-cold-worker.ts); then 1,000,000 votes through the same store path. Targets: under 2 s and 250 MB
// at 150,000 votes, under 15 s and 1 GB at 1,000,000. Only ballots and votes are filled: a count reads nothing else.
// Size: LEADERBOARD_COLD_COMPARISONS (100000; 0 skips), LEADERBOARD_COLD_MILLION (1000000 votes; 0 skips).
// Backends: LEADERBOARD_COLD_BACKENDS (sqlite,postgres).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom } from '../src/base/seeded-random.ts';
import { COUNT_YOUNG_GENERATION_MB } from '../src/boards/count-in-worker.ts';
import type { StoreOptions } from '../src/store/open-store.ts';
import { clear, fill, storeOptions, work as workIn, type Simulation } from './simulated-store.ts';

const TOTAL = Number(process.env.LEADERBOARD_COLD_COMPARISONS ?? 100_000);
const MILLION = Number(process.env.LEADERBOARD_COLD_MILLION ?? 1_000_000);
const BACKENDS = (process.env.LEADERBOARD_COLD_BACKENDS ?? 'sqlite,postgres').split(',');
const random = seededRandom(11);
const simulation: Simulation = {
  random,
  pipelines: ['plain', 'cot', 'rules', 'constitution', 'best-of-n', 'self-consistency'],
  slots: 4,
  spacingMs: 30_000,
  callsOf: (pipelineId) =>
    pipelineId === 'best-of-n' || pipelineId === 'self-consistency' ? 5 : pipelineId === 'constitution' ? 3 : 1,
  answer: () =>
    `${random() < 0.3 ? '## Answer\n\n' : ''}${'word '.repeat(20 + Math.floor(random() * 200))}${random() < 0.3 ? '\n- **one**\n- two' : ''}`,
  traceText: 0,
  prompt: () => '',
  strength: { plain: 0, cot: 0.3, rules: -0.2, constitution: 0.15, 'best-of-n': 0.5, 'self-consistency': 0.35 },
};

// Every measured count gets the young generation the bot's counting worker has (semi-spaces a third of it).
const YOUNG = [`--max-semi-space-size=${COUNT_YOUNG_GENERATION_MB / 3}`];
const work = (operation: string, options: StoreOptions) =>
  workIn('bench/leaderboard-cold-worker.ts', operation, { store: options }, YOUNG) as Record<string, number>;

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
    // Ballots and votes only, as a store from before count records holds them: the first count fills those in.
    const votes = await fill(options, simulation, {
      from: 0,
      to: comparisons,
      perComparison,
      batch: 1000,
      whole: false,
      countRecords: false,
    });
    console.log(
      `\n${backend}: ${comparisons} comparisons, ${votes} votes (filled in ${s(performance.now() - filledAt)})`,
    );
    const old = withOld ? work('old', options) : null;
    const backfill = work('backfill', options);
    const fresh = work('new', options);
    const thread = work('thread', options);
    const recount = work('recount', options);
    const growth = (figures: Record<string, number>) => figures.peak! - figures.baseline!;
    console.log('                              old read path       count segments      target');
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
      `  a recount after ${recount.changed} new votes (their segments rebuilt from their records): ${s(recount.ms!)}, peak RSS growth ${mb(growth(recount))}`,
    );
    console.log(
      `  same top row                ${old ? String(old.top === fresh.top && old.rated === fresh.rated) : '-'} (${fresh.rated} rated votes)`,
    );
    console.log(
      `  once per older store: filling in ${backfill.written} count records and their segments took ${s(backfill.ms!)}, peak RSS growth ${mb(growth(backfill))}`,
    );
  } finally {
    if (backend !== 'sqlite') await clear(options);
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(
  'leaderboard-cold: a count with no stored board (style control, sandwich intervals), old read path beside count segments',
);
if (TOTAL > 0) for (const backend of BACKENDS) await measure(backend, TOTAL, 1.5, true, { ms: 2000, mb: 250 });
if (MILLION > 0)
  for (const backend of BACKENDS)
    await measure(backend, Math.ceil(MILLION / 2), 2, process.env.LEADERBOARD_COLD_MILLION_OLD === '1', {
      ms: 15_000,
      mb: 1024,
    });
