// Streamed replies of the small HTTP server (the dataset download): the body arrives whole, HEAD does not run the
// producer, and a client that hangs up stops the producer instead of leaving it writing into the void.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/web/http-server.ts';

const errors: string[] = [];
const log = { info: () => {}, warn: () => {}, error: (message: string) => void errors.push(message) };
let server: HttpServer;
afterEach(async () => {
  await server.close();
  errors.length = 0;
});

async function serve(produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<string> {
  server = createHttpServer(log);
  server.get('/data', () => ({ status: 200, contentType: 'application/jsonl', body: produce }));
  const { port } = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}/data`;
}

describe('streamed HTTP replies', () => {
  it('sends every chunk, and HEAD answers without producing the body', async () => {
    let runs = 0;
    const url = await serve(async (write) => {
      runs += 1;
      for (let line = 0; line < 5000; line += 1) await write(`{"line":${line},"text":"${'x'.repeat(200)}"}\n`);
    });
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(runs).toBe(0);
    const lines = (await (await fetch(url)).text()).split('\n').filter(Boolean);
    expect(lines).toHaveLength(5000);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ line: 4999 });
  });

  it('stops the producer when the client hangs up, without logging an error', async () => {
    let written = 0;
    let stopped: (reason: unknown) => void = () => {};
    const ended = new Promise((resolve) => (stopped = resolve));
    const url = await serve(async (write) => {
      try {
        for (;;) {
          await write(`${'y'.repeat(1000)}\n`);
          written += 1;
        }
      } catch (error) {
        stopped(error);
        throw error;
      }
    });
    await new Promise<void>((resolve) => {
      const client = request(url, (response) => {
        response.once('data', () => {
          client.destroy();
          resolve();
        });
      });
      client.end();
    });
    expect(await ended).toBeInstanceOf(Error);
    await new Promise((resolve) => setImmediate(resolve)); // let the server settle the route before checking its log
    expect(written).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
