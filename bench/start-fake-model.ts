// Starts bench/fake-model-process.ts as a child process and resolves with its base URL.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export async function startFakeModelProcess(
  latencyMs: number,
): Promise<{ baseURL: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['bench/fake-model-process.ts'], {
    env: { ...process.env, BENCH_LATENCY_MS: String(latencyMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    baseURL: line.trim(),
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
