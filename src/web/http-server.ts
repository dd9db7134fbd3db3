// A small HTTP server for operators and the web: exact-path GET/HEAD routes that other modules mount (/metrics,
// /healthz, /readyz, a leaderboard page). Unknown paths get 404, other methods 405, a throwing route 500 with
// nothing of the error in the body (it is logged instead).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../base/logger.ts';

/** Writes a large body piece by piece; `write` resolves once the client has taken the chunk (backpressure). */
export type HttpStream = (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>;

export interface HttpReply {
  status: number;
  contentType: string;
  body: string | Buffer | HttpStream;
  /** Extra headers (cache-control defaults to no-store). */
  headers?: Record<string, string>;
}

/** Raised by a stream's `write` once the client has gone, so the producer stops early. */
class ClientGone extends Error {}

function streamWriter(response: ServerResponse): (chunk: string | Uint8Array) => Promise<void> {
  return async (chunk) => {
    if (response.destroyed) throw new ClientGone();
    if (response.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.once('drain', done);
      response.once('close', done);
    });
    if (response.destroyed) throw new ClientGone();
  };
}

export type RouteHandler = (request: IncomingMessage) => Promise<HttpReply> | HttpReply;

export interface HttpServer {
  /** Serves GET (and HEAD) for exactly `path`; mounting the same path twice is a programming error. */
  get(path: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

export const textReply = (status: number, body: string): HttpReply => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});

export function createHttpServer(log: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();

  const respond = async (response: ServerResponse, reply: HttpReply, withBody: boolean): Promise<void> => {
    response.writeHead(reply.status, {
      'content-type': reply.contentType,
      'cache-control': 'no-store',
      ...reply.headers,
    });
    if (typeof reply.body !== 'function' || !withBody)
      return void response.end(typeof reply.body === 'function' || !withBody ? undefined : reply.body);
    await reply.body(streamWriter(response));
    response.end();
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(path);
    if (!handler) return void respond(response, textReply(404, 'not found\n'), true);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return void respond(response, textReply(405, 'method not allowed\n'), true);
    }
    Promise.resolve()
      .then(() => handler(request))
      .then((reply) => respond(response, reply, request.method === 'GET'))
      .catch((error: unknown) => {
        if (error instanceof ClientGone) return;
        log.error(`http ${path} failed`, error);
        // Mid-stream the status line is gone: cutting the connection is the only way to say the body is incomplete.
        if (response.headersSent) response.destroy();
        else void respond(response, textReply(500, 'internal error\n'), true);
      });
  });
  // Scrapers keep connections open; without this, close() would wait for them.
  server.keepAliveTimeout = 5000;

  return {
    get(path, handler) {
      if (routes.has(path)) throw new Error(`HTTP route ${path} is mounted twice`);
      routes.set(path, handler);
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
