// Which models the model server serves, asked over real HTTP: the listed ids, kept for a while; null (accept any
// name) when the server cannot say or does not answer in time.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServedModels } from '../../src/llm/served-models.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('served models', () => {
  it('lists the ids the server serves, and keeps them until the time to live runs out', async () => {
    fake = await startFakeOpenAI({ models: ['gpt-4o-mini', 'llama3.1:latest'] });
    let now = 0;
    const served = createServedModels({ baseURL: fake.baseURL, apiKey: 'sk-test', ttlMs: 1000, now: () => now });
    expect(await served.list()).toEqual(new Set(['gpt-4o-mini', 'llama3.1:latest']));
    await fake.close();
    fake = undefined;
    now = 999;
    expect(await served.list()).toEqual(new Set(['gpt-4o-mini', 'llama3.1:latest'])); // kept: not asked again
    now = 1000;
    expect(await served.list()).toBeNull(); // asked again, and the server is gone
  });

  it('says null when the server has no model list', async () => {
    const notFound: RequestListener = (_request, response) =>
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no route"}}');
    expect(
      await withServer(notFound, (baseURL) => createServedModels({ baseURL, apiKey: 'sk-test' }).list()),
    ).toBeNull();
  });

  it('gives up quickly on a server that does not answer, with null', async () => {
    const started = performance.now();
    expect(
      await withServer(
        () => {},
        (baseURL) => createServedModels({ baseURL, apiKey: 'sk-test', timeoutMs: 200 }).list(),
      ),
    ).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

/** A bare HTTP server answering as `listener` does, for the length of `work`. */
async function withServer<T>(listener: RequestListener, work: (baseURL: string) => Promise<T>): Promise<T> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
