// A TCP proxy a test controls, put between the bot and PostgreSQL or Redis: `cut()` drops every open connection
// and refuses new ones, as a database host going away does; `pause()` holds every byte in both directions while
// connections stay open, as a network that drops packets does (the driver waits, nothing fails); `restore()` lets
// connections and the held bytes through again.
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  cut(): void;
  pause(): void;
  /** Bytes the bot sent toward the database since `pause()` and not yet delivered. */
  heldBytes(): number;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let open = true;
  let paused = false;
  let held: Array<{ to: net.Socket; chunk: Buffer; fromClient: boolean }> = [];
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const forward = (from: net.Socket, to: net.Socket, fromClient: boolean) => {
    from.on('data', (chunk: Buffer) => {
      if (paused) held.push({ to, chunk, fromClient });
      else if (!to.destroyed) to.write(chunk);
    });
  };
  const server = net.createServer((client) => {
    track(client);
    if (!open) return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    forward(client, upstream, true);
    forward(upstream, client, false);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  return {
    port: address.port,
    urlFor(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(address.port);
      return parsed.toString();
    },
    cut() {
      open = false;
      held = [];
      for (const socket of sockets) socket.resetAndDestroy();
    },
    pause() {
      paused = true;
    },
    heldBytes: () => held.filter((entry) => entry.fromClient).reduce((sum, entry) => sum + entry.chunk.length, 0),
    restore() {
      open = true;
      paused = false;
      for (const { to, chunk } of held) if (!to.destroyed) to.write(chunk);
      held = [];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
