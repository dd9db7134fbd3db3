// A small HTTP server for operators and the web: exact-path GET/HEAD routes that other modules mount (/metrics,
// /healthz, /readyz, a leaderboard page). Unknown paths get 404, other methods 405, a throwing route 500 with
// nothing of the error in the body (it is logged instead).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

export type RouteHandler = (request: IncomingMessage) => Promise<HttpReply> | HttpReply;

export interface HttpServer {
  /** Serves GET (and HEAD) for exactly `path`; mounting the same path twice is a programming error. */
  get(path: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<{ port: number }>;
  close(): Promise<void>;
}

export const textReply = (status: number, body: string): HttpReply => ({ status, contentType: 'text/plain; charset=utf-8', body });

export function createHttpServer(log: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();

  const respond = (response: ServerResponse, reply: HttpReply, withBody: boolean) => {
    response.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
    response.end(withBody ? reply.body : undefined);
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(path);
    if (!handler) return respond(response, textReply(404, 'not found\n'), true);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return respond(response, textReply(405, 'method not allowed\n'), true);
    }
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (reply) => respond(response, reply, request.method === 'GET'),
        (error: unknown) => {
          log.error(`http ${path} failed`, error);
          respond(response, textReply(500, 'internal error\n'), true);
        },
      );
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
