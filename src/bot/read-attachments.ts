// Turns a message's attachments into what a chat turn can carry: images as data URLs for vision models
// (when IMAGE_INPUT is on) and text files read into the turn's text. Anything else is left out with a
// ⚠️ line saying so. Downloads are capped, so a large upload cannot exhaust memory.
import path from 'node:path';

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
const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TEXT_EXTENSIONS = new Set([
  'txt', 'md', 'markdown', 'rst', 'csv', 'tsv', 'json', 'jsonl', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'log', 'xml', 'html', 'css',
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'scala', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'php', 'swift',
  'sh', 'bash', 'zsh', 'ps1', 'sql', 'lua', 'r', 'jl', 'hs', 'ex', 'exs', 'dart', 'vue', 'svelte', 'tex',
]);

const extensionOf = (name: string): string => path.extname(name).slice(1).toLowerCase();
const mimeOf = (attachment: AttachmentInfo): string => (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
const isImage = (attachment: AttachmentInfo): boolean => IMAGE_TYPES.has(mimeOf(attachment));
const isText = (attachment: AttachmentInfo): boolean => TEXT_EXTENSIONS.has(extensionOf(attachment.name)) || mimeOf(attachment).startsWith('text/');

const kilobytes = (bytes: number): string => `${Math.round(bytes / 1000)} kB`;

async function download(url: string, maxBytes: number): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`larger than ${kilobytes(maxBytes)}`);
  return bytes;
}

/** A fence longer than any backtick run in the file, so a file holding ``` cannot close it early. */
function fenced(name: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `File ${name}:\n${fence}${extensionOf(name)}\n${text.replace(/\n$/, '')}\n${fence}`;
}

export async function readAttachments(attachments: readonly AttachmentInfo[], options: AttachmentOptions): Promise<ReadAttachments> {
  const files: string[] = [];
  const images: string[] = [];
  const warnings: string[] = [];
  for (const attachment of attachments) {
    if (isImage(attachment)) {
      if (!options.imageInput) {
        warnings.push(`This model takes text only, so the image ${attachment.name} was not sent`);
        continue;
      }
      if (attachment.size > IMAGE_MAX_BYTES) {
        warnings.push(`${attachment.name} is larger than ${kilobytes(IMAGE_MAX_BYTES)} and was not sent`);
        continue;
      }
      try {
        const bytes = await download(attachment.url, IMAGE_MAX_BYTES);
        images.push(`data:${mimeOf(attachment)};base64,${bytes.toString('base64')}`);
      } catch (error) {
        warnings.push(`${attachment.name} could not be downloaded (${error instanceof Error ? error.message : String(error)}) and was not sent`);
      }
    } else if (isText(attachment)) {
      if (attachment.size > options.textFileMaxBytes) {
        warnings.push(`${attachment.name} is larger than ${kilobytes(options.textFileMaxBytes)} and was not read`);
        continue;
      }
      try {
        const bytes = await download(attachment.url, options.textFileMaxBytes);
        files.push(fenced(attachment.name, bytes.toString('utf8')));
      } catch (error) {
        warnings.push(`${attachment.name} could not be read (${error instanceof Error ? error.message : String(error)})`);
      }
    } else {
      warnings.push(`${attachment.name} was not read: only images and text files (.txt, .md, code) are`);
    }
  }
  return { text: files.join('\n\n'), images, warnings };
}
