// Start-up time and idle memory of the bot process on the production path (`node src/main.ts`, Node's own type
// stripping) beside the former one (`node --import tsx src/main.ts`, the tsx loader), in one run on one machine:
// each start is timed from spawn until /readyz answers 200 (logged in to the fake Discord, store read), and its
// resident memory is read from /proc after 3 s idle. Runs alternate between the two paths so load is shared.
// `npm run bench -- startup` (STARTUP_BENCH_RUNS to change the 5 runs per path).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { commands } from '../commands/index.ts';
import { registerCommands } from '../src/bot/register-commands.ts';
import { startFakeDiscord } from '../test/fakes/discord/fake-discord.ts';
import { startFakeOpenAI } from '../test/fakes/openai-server.ts';

const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 5);
const IDLE_MS = 3000;
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PATHS = {
  'node src/main.ts (native)': [] as string[],
  'node --import tsx src/main.ts (before)': ['--import', tsxLoader],
};

const discord = await startFakeDiscord();
const model = await startFakeOpenAI();
await registerCommands(
  { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: discord.guildId },
  commands,
);

async function residentKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
    const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function startOnce(loaderArgs: string[], port: number): Promise<{ readyMs: number; rssMb: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'startup-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...loaderArgs, 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: discord.token,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: model.baseURL,
      DATA_DIR: dataDir,
      METRICS_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await ready(port, child);
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const rssMb = (await residentKb(child.pid ?? 0)) / 1024;
    return { readyMs, rssMb };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const results = new Map<string, { readyMs: number[]; rssMb: number[] }>(
  Object.keys(PATHS).map((name) => [name, { readyMs: [], rssMb: [] }]),
);
let port = 19_640;
for (let run = 0; run < RUNS; run++) {
  for (const [name, loaderArgs] of Object.entries(PATHS)) {
    const figures = await startOnce(loaderArgs, port++);
    results.get(name)?.readyMs.push(figures.readyMs);
    results.get(name)?.rssMb.push(figures.rssMb);
  }
}
await discord.close();
await model.close();

console.log(`Node ${process.version}, ${RUNS} starts per path, medians (min–max):`);
for (const [name, figures] of results) {
  const range = (values: number[], digits: number) =>
    `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
  console.log(`  ${name.padEnd(40)} ready ${range(figures.readyMs, 0)} ms · idle RSS ${range(figures.rssMb, 1)} MB`);
}
const [native, before] = [...results.values()];
if (native && before) {
  console.log(
    `  native / before: start-up ${(median(native.readyMs) / median(before.readyMs)).toFixed(2)}×, idle RSS ${(median(native.rssMb) / median(before.rssMb)).toFixed(2)}×`,
  );
}
