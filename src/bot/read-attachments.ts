// Turns a message's attachments into what a chat turn can carry: images as data URLs for vision models
// (when IMAGE_INPUT is on) and text files read into the turn's text. Files are judged by their bytes: an image
// is one whose first bytes say so, a text file must be UTF-8 without control characters. Anything else is left
// out with a ⚠️ line saying so. Downloads stop at the size limit, so a large upload cannot exhaust memory.
import path from 'node:path';
import { decodeTextFile } from './decode-text-file.js';
import { formatBytes } from './format-bytes.js';
import { IMAGE_SIGNATURE_BYTES, imageTypeOf } from './image-type-of.js';

export interface AttachmentInfo {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

export interface AttachmentOptions {
  imageInput: boolean;
  textFileMaxBytes: number;
}

export interface ReadAttachments {
  /** Text files, ready to append to the turn's text. */
  text: string;
  /** data: URLs of the images. */
  images: string[];
  warnings: string[];
}

// Discord's upload limit for most servers; OpenAI accepts images up to 20 MB.
const IMAGE_MAX_BYTES = 10_000_000;
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);
const TEXT_EXTENSIONS = new Set([
  'txt', 'md', 'markdown', 'rst', 'csv', 'tsv', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'log', 'xml', 'html', 'css',
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'scala', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'php', 'swift',
  'sh', 'bash', 'zsh', 'ps1', 'sql', 'lua', 'r', 'jl', 'hs', 'ex', 'exs', 'dart', 'vue', 'svelte', 'tex',
]);

const extensionOf = (name: string): string => path.extname(name).slice(1).toLowerCase();
const mimeOf = (attachment: AttachmentInfo): string => (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
// What the name and declared type claim; only the bytes decide (see readAttachment).
const claimsImage = (attachment: AttachmentInfo): boolean => IMAGE_EXTENSIONS.has(extensionOf(attachment.name)) || mimeOf(attachment).startsWith('image/');
const claimsText = (attachment: AttachmentInfo): boolean => TEXT_EXTENSIONS.has(extensionOf(attachment.name)) || mimeOf(attachment).startsWith('text/');

class TooLarge extends Error {}

/**
 * Streams `url`: its first bytes go to `limitFor`, which answers how many bytes the whole file may have (null:
 * none needed, stop here). Returns the bytes read; throws TooLarge past the limit, so nothing beyond it is kept.
 */
async function download(url: string, limitFor: (head: Uint8Array) => number | null): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let limit: number | null | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value !== undefined) {
        chunks.push(value);
        length += value.length;
      }
      if (limit === undefined && (done || length >= IMAGE_SIGNATURE_BYTES)) limit = limitFor(Buffer.concat(chunks));
      if (limit === null) break;
      if (limit !== undefined && length > limit) throw new TooLarge();
      if (done) break;
    }
  } finally {
    await reader.cancel().catch(() => undefined); // the body is no longer needed; a failed cancel changes nothing
  }
  return Buffer.concat(chunks);
}

/** A fence longer than any backtick run in the file, so a file holding ``` cannot close it early. */
function fenced(name: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `File ${name}:\n${fence}${extensionOf(name)}\n${text.replace(/\n$/, '')}\n${fence}`;
}

type Read = { image: string } | { file: string } | { warning: string };

async function readAttachment(attachment: AttachmentInfo, options: AttachmentOptions): Promise<Read> {
  const { name } = attachment;
  let verdict: Read | undefined;
  let kind: 'image' | 'text' | undefined;
  const limitFor = (head: Uint8Array): number | null => {
    const imageType = imageTypeOf(head);
    if (imageType !== null) {
      kind = 'image';
      if (!options.imageInput) verdict = { warning: `This model takes text only, so the image ${name} was not sent` };
      else if (attachment.size > IMAGE_MAX_BYTES) verdict = { warning: `${name} is larger than ${formatBytes(IMAGE_MAX_BYTES)} and was not sent` };
      return verdict === undefined ? IMAGE_MAX_BYTES : null;
    }
    if (claimsText(attachment)) {
      kind = 'text';
      if (attachment.size > options.textFileMaxBytes) verdict = { warning: `${name} is larger than ${formatBytes(options.textFileMaxBytes)} and was not read` };
      return verdict === undefined ? options.textFileMaxBytes : null;
    }
    verdict = claimsImage(attachment)
      ? { warning: `${name} was not sent: it is not a PNG, JPEG, GIF or WebP image` }
      : { warning: `${name} was not read: only images and text files (.txt, .md, code) are` };
    return null;
  };
  try {
    const bytes = await download(attachment.url, limitFor);
    if (verdict !== undefined) return verdict;
    if (kind === 'image') return { image: `data:${imageTypeOf(bytes)};base64,${bytes.toString('base64')}` };
    const text = decodeTextFile(bytes);
    if (text === null) return { warning: `${name} was not read: it is not UTF-8 text (it looks like a binary file)` };
    return { file: fenced(name, text) };
  } catch (error) {
    if (error instanceof TooLarge) {
      const limit = kind === 'image' ? IMAGE_MAX_BYTES : options.textFileMaxBytes;
      return { warning: `${name} is larger than ${formatBytes(limit)} and was not ${kind === 'image' ? 'sent' : 'read'}` };
    }
    return { warning: `${name} could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
  }
}

export async function readAttachments(attachments: readonly AttachmentInfo[], options: AttachmentOptions): Promise<ReadAttachments> {
  const files: string[] = [];
  const images: string[] = [];
  const warnings: string[] = [];
  for (const attachment of attachments) {
    const read = await readAttachment(attachment, options);
    if ('image' in read) images.push(read.image);
    else if ('file' in read) files.push(read.file);
    else warnings.push(read.warning);
  }
  return { text: files.join('\n\n'), images, warnings };
}
