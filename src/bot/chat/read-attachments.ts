// Turns a message's attachments into what a chat turn can carry: images as data URLs for vision models
// (when IMAGE_INPUT is on) and text files read into the turn's text. Files are judged by their bytes: an image
// is one whose first bytes say so, a text file must be UTF-8 without control characters. Anything else is left
// out with a ⚠️ line saying so. Downloads stop at the size limit, so a large upload cannot exhaust memory.
import path from 'node:path';
import { decodeTextFile } from './decode-text-file.ts';
import { type Downloaded, downloadAttachment } from './download-attachment.ts';
import { formatBytes } from './format-bytes.ts';
import { IMAGE_SIGNATURE_BYTES, type ImageType, imageTypeOf } from './image-type-of.ts';

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

// Discord's upload limit for most servers is 10 MiB; 10 MB reads as a round number in the ⚠️ line. OpenAI
// accepts images up to 20 MB.
const IMAGE_MAX_BYTES = 10_000_000;
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);
const TEXT_EXTENSIONS = new Set([
  'txt',
  'md',
  'markdown',
  'rst',
  'csv',
  'tsv',
  'json',
  'jsonl',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'log',
  'xml',
  'html',
  'css',
  'js',
  'mjs',
  'cjs',
  'jsx',
  'ts',
  'tsx',
  'py',
  'rb',
  'go',
  'rs',
  'java',
  'kt',
  'scala',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'cs',
  'php',
  'swift',
  'sh',
  'bash',
  'zsh',
  'ps1',
  'sql',
  'lua',
  'r',
  'jl',
  'hs',
  'ex',
  'exs',
  'dart',
  'vue',
  'svelte',
  'tex',
]);

const extensionOf = (name: string): string => path.extname(name).slice(1).toLowerCase();
const mimeOf = (attachment: AttachmentInfo): string =>
  (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
// What the name and declared type claim; only the bytes decide (see readAttachment).
const claimsImage = (attachment: AttachmentInfo): boolean =>
  IMAGE_EXTENSIONS.has(extensionOf(attachment.name)) || mimeOf(attachment).startsWith('image/');
const claimsText = (attachment: AttachmentInfo): boolean =>
  TEXT_EXTENSIONS.has(extensionOf(attachment.name)) || mimeOf(attachment).startsWith('text/');

/** A fence longer than any backtick run in the file, so a file holding ``` cannot close it early. */
function fenced(name: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `File ${name}:\n${fence}${extensionOf(name)}\n${text.replace(/\n$/, '')}\n${fence}`;
}

type Read = { image: string } | { file: string } | { warning: string };
// What a file's first bytes (and, for text, its name) make of it, and how many bytes of it may be read.
type Plan =
  | { kind: 'image'; type: ImageType; limit: number }
  | { kind: 'text'; limit: number }
  | { kind: 'left-out'; warning: string; limit: null };

function planFor(head: Buffer, attachment: AttachmentInfo, options: AttachmentOptions): Plan {
  const { name } = attachment;
  const leftOut = (warning: string): Plan => ({ kind: 'left-out', warning, limit: null });
  const type = imageTypeOf(head);
  if (type !== null) {
    if (!options.imageInput) return leftOut(`This model takes text only, so the image ${name} was not sent`);
    if (attachment.size > IMAGE_MAX_BYTES) return leftOut(tooLarge(name, 'image', IMAGE_MAX_BYTES));
    return { kind: 'image', type, limit: IMAGE_MAX_BYTES };
  }
  if (claimsText(attachment)) {
    if (attachment.size > options.textFileMaxBytes) return leftOut(tooLarge(name, 'text', options.textFileMaxBytes));
    return { kind: 'text', limit: options.textFileMaxBytes };
  }
  if (claimsImage(attachment)) return leftOut(`${name} was not sent: it is not a PNG, JPEG, GIF or WebP image`);
  return leftOut(`${name} was not read: only images and text files (.txt, .md, code) are`);
}

const tooLarge = (name: string, kind: 'image' | 'text', limit: number): string =>
  `${name} is larger than ${formatBytes(limit)} and was not ${kind === 'image' ? 'sent' : 'read'}`;

async function readAttachment(attachment: AttachmentInfo, options: AttachmentOptions): Promise<Read> {
  const { name } = attachment;
  let downloaded: Downloaded<Plan>;
  try {
    downloaded = await downloadAttachment(attachment.url, IMAGE_SIGNATURE_BYTES, (head) =>
      planFor(head, attachment, options),
    );
  } catch (error) {
    return { warning: `${name} could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
  }
  const { decision: plan, bytes } = downloaded;
  if (plan.kind === 'left-out') return { warning: plan.warning };
  if (bytes === null) return { warning: tooLarge(name, plan.kind, plan.limit) };
  if (plan.kind === 'image') return { image: `data:${plan.type};base64,${bytes.toString('base64')}` };
  const text = decodeTextFile(bytes);
  if (text === null) return { warning: `${name} was not read: it is not UTF-8 text (it looks like a binary file)` };
  return { file: fenced(name, text) };
}

export async function readAttachments(
  attachments: readonly AttachmentInfo[],
  options: AttachmentOptions,
): Promise<ReadAttachments> {
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
