// Reads a REST request body: JSON, or multipart/form-data with payload_json and files[n] parts (the way
// @discordjs/rest uploads attachments), using the platform's own multipart parser.
import type { IncomingMessage } from 'node:http';
import { discordErrors, invalidFormBody } from './rest-error.ts';
import type { UploadedFile } from './rest-types.ts';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    const chunk = part as Buffer;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw discordErrors.tooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidFormBody([{ path: [where], code: 'BASE_TYPE_INVALID', message: 'Invalid JSON' }]);
  }
}

export async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const bytes = await readBytes(request);
  if (bytes.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return { body: parseJson(bytes.toString('utf8'), '_body'), files: [] };
  const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  let body: unknown;
  const files: UploadedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (name === 'payload_json' && typeof value === 'string') {
      body = parseJson(value, 'payload_json');
      continue;
    }
    const index = /^files\[(\d+)\]$/.exec(name)?.[1];
    if (index === undefined || typeof value === 'string') continue;
    files.push({
      index: Number(index),
      filename: value.name,
      contentType: value.type || 'application/octet-stream',
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}
