// Writes an export's two JSONL files as lines arrive, waiting when the disk is slower than the store, so
// nothing piles up in memory. The files hold prompts and answers: only their owner can read them.
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { openPrivateFile } from '../store/private-files.ts';
import type { ExportSink } from './export-files.ts';

export interface JsonlFileSink extends ExportSink {
  /** Bytes written so far to both files. */
  readonly bytes: number;
  close(): Promise<void>;
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function end(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export async function openJsonlFileSink(dataPath: string, metaPath: string): Promise<JsonlFileSink> {
  const data = (await openPrivateFile(dataPath, 'w')).createWriteStream();
  const meta = (await openPrivateFile(metaPath, 'w')).createWriteStream();
  let bytes = 0;
  return {
    get bytes() {
      return bytes;
    },
    async write(dataLine, metaLine) {
      bytes += Buffer.byteLength(dataLine) + Buffer.byteLength(metaLine);
      await Promise.all([writeLine(data, dataLine), writeLine(meta, metaLine)]);
    },
    async close() {
      await Promise.all([end(data), end(meta)]);
    },
  };
}
