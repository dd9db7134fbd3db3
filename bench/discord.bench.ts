// Benchmark of the bot in Discord, through the real discord.js client and the fake gateway (which, like Discord,
// allows the bot token 50 requests a second):
// 1. 1000 reaction events from 500 users fired at once at one comparison: live votes stored must equal
//    the expected live votes exactly (0 lost).
// 2. 20 concurrent /compare: REST calls per /compare, and p95 end-to-end time against the floor set by the REST
//    budget (the 20 compares' calls / 50 per second, and never less than one /compare alone); goal ≤ 1.1× the floor.
//    The same part also runs on the code before issue 20's REST work (BENCH_OLD_REF, default its base commit
//    1956a3e), unpacked with `git archive` into a temporary folder with this bench and this fake Discord, so old
//    and new face the same Discord in one run. BENCH_OLD_REF=none skips it.
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VoteChoice } from '../src/records/votes/vote.ts';
import { choiceFromEmoji, voteEmojis } from '../src/records/votes/vote-emoji.ts';
import { seededRandom } from '../src/base/seeded-random.ts';
import { type Harness, startHarness } from '../test/fixtures/bot-harness.ts';
import { pipelineAnswers } from '../test/fixtures/pipeline-answers.ts';

const COMPARE_ONLY = process.argv.includes('--compare-only');
const OLD_REF = process.env.BENCH_OLD_REF ?? '1956a3e';
const USERS = 500;
const EVENTS = 1000;
const MODEL_LATENCY_MS = 200;

async function compareOnce(
  harness: Harness,
  prompt: string,
): Promise<{ messageId: string; ms: number; answersMs: number }> {
  const { discord } = harness;
  const started = performance.now();
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userIds[0] as string,
    options: { prompt },
  });
  // Finished once "Reveal pipelines" is offered: in a button row (embeds, the old code) or beside a section (v2).
  const message = await handle.waitForOriginal(
    (candidate) => JSON.stringify(candidate.components).includes('"label":"Reveal pipelines"'),
    60_000,
  );
  const answersMs = performance.now() - started;
  await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, { timeoutMs: 60_000 });
  return { messageId: message.id, ms: performance.now() - started, answersMs };
}

const harness = await startHarness({
  // One user runs all 24 comparisons here; model calls never wait for each other, so Discord's budget is what is measured.
  env: { COMPARES_PER_HOUR: '0', LLM_CONCURRENCY: '1000' },
  discord: { users: Array.from({ length: USERS }, (_, index) => `voter${index}`) },
});
const script = pipelineAnswers();
harness.model.respond((request, index) => ({ ...script(request, index), delayMs: MODEL_LATENCY_MS }));
const { discord } = harness;

// --- 1. reaction storm ---
let lost = 0;
let wrong = 0;
if (!COMPARE_ONLY) {
  const { messageId } = await compareOnce(harness, 'Which answer is best?');
  const comparison = await harness.services.comparisons.findByMessageId(messageId);
  if (!comparison) throw new Error('comparison not stored');
  const emojis = voteEmojis(4);
  const random = seededRandom(7);
  const active = new Map<string, string[]>(); // user -> emoji in the order added (the ledger's rule, computed independently)
  let sent = 0;
  const started = performance.now();
  for (let event = 0; event < EVENTS; event++) {
    const userId = discord.userIds[event % USERS] as string;
    const current = active.get(userId) ?? [];
    const removing = current.length > 0 && random() < 0.3;
    const emoji = removing
      ? (current[Math.floor(random() * current.length)] as string)
      : (emojis[Math.floor(random() * emojis.length)] as string);
    const fired = removing
      ? discord.removeReaction({ userId, messageId, emoji })
      : discord.addReaction({ userId, messageId, emoji });
    if (!fired) continue; // the same reaction twice sends no event, as on Discord
    sent += 1;
    const next = current.filter((existing) => existing !== emoji);
    if (!removing) next.push(emoji);
    active.set(userId, next);
  }
  const expected = new Map<string, VoteChoice>();
  for (const [userId, list] of active) {
    const last = list.at(-1);
    if (last) expected.set(harness.services.hashUser(userId), choiceFromEmoji(last, 4) as VoteChoice);
  }
  let stored = await harness.services.votes.votesFor(comparison.id);
  const deadline = Date.now() + 60_000;
  const matches = () =>
    stored.length === expected.size &&
    stored.every((vote) => JSON.stringify(expected.get(vote.voterHash)) === JSON.stringify(vote.choice));
  while (!matches() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stored = await harness.services.votes.votesFor(comparison.id);
  }
  const settledMs = performance.now() - started;
  lost = [...expected.keys()].filter((hash) => !stored.some((vote) => vote.voterHash === hash)).length;
  wrong = stored.filter((vote) => JSON.stringify(expected.get(vote.voterHash)) !== JSON.stringify(vote.choice)).length;
  console.log(`reaction storm: ${sent} reaction events from ${USERS} users fired at once (${EVENTS} attempted)`);
  console.log(
    `  expected live votes ${expected.size}, stored ${stored.length}, lost ${lost}, wrong ${wrong}; all settled in ${settledMs.toFixed(0)} ms (${harness.services.store.backend})`,
  );
}

// --- 2. concurrent /compare ---
const singles = [];
for (let run = 0; run < 3; run++) singles.push(await compareOnce(harness, `single ${run}`));
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const singleMs = median(singles.map((run) => run.ms));
const singleAnswersMs = median(singles.map((run) => run.answersMs));
const callsBefore = discord.restCalls.length;
const concurrentStarted = performance.now();
const runs = await Promise.all(Array.from({ length: 20 }, (_, index) => compareOnce(harness, `concurrent ${index}`)));
const concurrent = runs.map((run) => run.ms).sort((a, b) => a - b);
const answers = runs.map((run) => run.answersMs).sort((a, b) => a - b);
const answersP95 = answers[Math.ceil(0.95 * answers.length) - 1] as number;
const concurrentWall = performance.now() - concurrentStarted;
const restCalls = discord.restCalls.slice(callsBefore);
const byKind = new Map<string, number>();
for (const call of restCalls) {
  const kind = `${call.method} ${call.path
    .replace(/\d{5,}/g, ':id')
    .replace(/\/reactions\/[^/]+/, '/reactions/:emoji')
    .replace(/interactions\/:id\/[^/]+/, 'interactions/:id/:token')
    .replace(/webhooks\/:id\/[^/]+/, 'webhooks/:id/:token')}`;
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
}
const p95 = concurrent[Math.ceil(0.95 * concurrent.length) - 1] as number;
const callsPerCompare = restCalls.length / runs.length;
const floorMs = Math.max(singleMs, (restCalls.length / 50) * 1000);
const refused = restCalls.filter((call) => call.status === 429).length;
console.log(`concurrent /compare (model latency ${MODEL_LATENCY_MS} ms per call, 4 pipelines, 6 reactions each):`);
console.log(
  `  until all answers are shown: single ${singleAnswersMs.toFixed(0)} ms; 20 at once p95 ${answersP95.toFixed(0)} ms; p95 / single = ${(answersP95 / singleAnswersMs).toFixed(2)}`,
);
console.log(
  `  until the 6 vote reactions are on too (end to end): single ${singleMs.toFixed(0)} ms; 20 at once p50 ${concurrent[9]?.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; p95 / single = ${(p95 / singleMs).toFixed(2)}`,
);
console.log(
  `  the 20 compares made ${restCalls.length} REST calls in ${(concurrentWall / 1000).toFixed(1)} s; discord.js (like Discord) allows 50 per second globally, so ≥ ${(restCalls.length / 50).toFixed(1)} s`,
);
console.log(
  `  ${[...byKind]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${count}× ${kind}`)
    .join('; ')}`,
);
console.log(
  `  ${callsPerCompare.toFixed(1)} REST calls per /compare; ${refused} answered 429; REST floor ${floorMs.toFixed(0)} ms; p95 / floor = ${(p95 / floorMs).toFixed(2)} (goal ≤ 1.1)`,
);
console.log(`BENCH_RESULT ${JSON.stringify({ callsPerCompare, p95, floorMs, singleMs })}`);
if (harness.loggedErrors.length)
  console.log(`  bot logged ${harness.loggedErrors.length} error(s): ${harness.loggedErrors[0]?.slice(0, 200)}`);
await harness.stop();
process.exitCode = lost === 0 && wrong === 0 ? 0 : 1;

/** Runs part 2 of this bench on the code of `ref`, with this bench and this fake Discord; its BENCH_RESULT line. */
function runOnOldCode(ref: string): string | undefined {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-old-'));
  try {
    execSync(`git archive ${ref} | tar -x -C ${JSON.stringify(folder)}`, { stdio: 'inherit' });
    cpSync('bench/discord.bench.ts', path.join(folder, 'bench/discord.bench.ts'));
    cpSync('test/fakes/discord', path.join(folder, 'test/fakes/discord'), { recursive: true });
    symlinkSync(realpathSync('node_modules'), path.join(folder, 'node_modules'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/discord.bench.ts', '--compare-only'], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, BENCH_OLD_REF: 'none' },
    });
    process.stdout.write(`${run.stdout.trimEnd().replace(/^/gm, `  [${ref}] `)}\n`);
    return run.stdout.split('\n').find((line) => line.startsWith('BENCH_RESULT '));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (!COMPARE_ONLY && OLD_REF !== 'none') {
  console.log(`\nthe same 20 concurrent /compare on the code of ${OLD_REF} (before issue 20's REST work):`);
  const line = runOnOldCode(OLD_REF);
  if (line !== undefined) {
    const old = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
      callsPerCompare: number;
      p95: number;
      floorMs: number;
    };
    console.log(
      `old vs new: REST calls per /compare ${old.callsPerCompare.toFixed(1)} → ${callsPerCompare.toFixed(1)}; p95 / REST floor ${(old.p95 / old.floorMs).toFixed(2)} → ${(p95 / floorMs).toFixed(2)}`,
    );
  }
}
