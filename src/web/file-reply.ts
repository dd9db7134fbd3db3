// A file on disk as an HTTP reply: Content-Length and an ETag from the file's size and modification time, 304 when
// the client already holds that version (If-None-Match), the bytes streamed from the one open file, so a file
// replaced by rename meanwhile neither mixes versions nor changes the length promised.
import { open } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { type HttpReply, textReply } from './http-server.ts';

const isMissing = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'ENOENT';

/** True when an If-None-Match header names `etag` (or is `*`); weak validators compare equal to strong ones here. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export async function fileReply(
  filePath: string,
  request: IncomingMessage,
  reply: { contentType: string; headers?: Record<string, string>; missing: string },
): Promise<HttpReply> {
  const handle = await open(filePath).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  if (handle === null) return textReply(404, reply.missing);
  try {
    const stats = await handle.stat({ bigint: true });
    const etag = `"${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}"`;
    const headers = { ...reply.headers, etag };
    if (matches(request.headers['if-none-match'], etag)) {
      await handle.close();
      return { status: 304, contentType: reply.contentType, body: '', headers };
    }
    const sized = { ...headers, 'content-length': stats.size.toString() };
    if (request.method === 'HEAD') {
      await handle.close();
      return { status: 200, contentType: reply.contentType, body: '', headers: sized };
    }
    return {
      status: 200,
      contentType: reply.contentType,
      headers: sized,
      // The stream closes the handle when it ends or is abandoned (a client that hung up).
      body: async (write) => {
        for await (const chunk of handle.createReadStream()) await write(chunk as Buffer);
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
