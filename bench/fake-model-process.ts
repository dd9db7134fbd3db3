// Runs the fake OpenAI-compatible server in its own process for benchmarks, as a real model server
// would be: answers every technique prompt after BENCH_LATENCY_MS. Prints its base URL on stdout.
import { startFakeOpenAI } from '../test/fakes/openai-server.ts';
import { benchScript } from './bench-script.ts';

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 500);
const fake = await startFakeOpenAI();
const script = benchScript();
fake.respond((request, index) => ({ ...script(request, index), delayMs: latencyMs }));
console.log(fake.baseURL);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
