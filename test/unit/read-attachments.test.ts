// Attachments as a chat turn carries them: text files fenced so their own backticks cannot end the block,
// images as data URLs, and a ⚠️ line for everything left out.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/bot/chat/format-bytes.ts';
import { readAttachments } from '../../src/bot/chat/read-attachments.ts';

// Node's fetch reads data: URLs, so no server is needed for these.
const file = (name: string, text: string, contentType: string | null = null) => ({
  name,
  contentType,
  size: Buffer.byteLength(text),
  url: `data:text/plain;base64,${Buffer.from(text).toString('base64')}`,
});
const bytesFile = (name: string, bytes: Buffer, contentType: string | null = null) => ({
  name,
  contentType,
  size: bytes.length,
  url: `data:application/octet-stream;base64,${bytes.toString('base64')}`,
});
const options = { imageInput: true, textFileMaxBytes: 1000 };
// The first bytes of each format, as real files begin.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L')]);

describe('readAttachments', () => {
  it('fences a code file with more backticks than it contains', async () => {
    const read = await readAttachments([file('README.md', 'Run:\n```sh\nnpm test\n```\n')], options);
    expect(read.text).toBe('File README.md:\n````md\nRun:\n```sh\nnpm test\n```\n````');
    expect(read.warnings).toEqual([]);
  });

  it('reads a file by its content type when the extension is unknown', async () => {
    const read = await readAttachments([file('notes', 'hello', 'text/plain; charset=utf-8')], options);
    expect(read.text).toBe('File notes:\n```\nhello\n```');
  });

  it('turns an image into a data URL only when image input is on', async () => {
    const image = { ...bytesFile('cat.webp', WEBP), contentType: 'image/webp' };
    expect((await readAttachments([image], options)).images).toEqual([
      `data:image/webp;base64,${WEBP.toString('base64')}`,
    ]);
    const off = await readAttachments([image], { ...options, imageInput: false });
    expect(off).toEqual({
      text: '',
      images: [],
      warnings: ['This model takes text only, so the image cat.webp was not sent'],
    });
  });

  it('says which files were too large or of a kind it cannot read', async () => {
    const read = await readAttachments(
      [file('big.log', 'x'.repeat(1001)), { ...file('song.mp3', 'ID3'), contentType: 'audio/mpeg' }],
      options,
    );
    expect(read.warnings).toEqual([
      'big.log is larger than 1 kB and was not read',
      'song.mp3 was not read: only images and text files (.txt, .md, code) are',
    ]);
    expect(read.text).toBe('');
  });

  it('knows images by their first bytes, whatever the name or declared type', async () => {
    const read = await readAttachments(
      [bytesFile('photo.txt', JPEG, 'text/plain'), bytesFile('IMG_0001', Buffer.from('GIF89a\x01\x00'))],
      options,
    );
    expect(read.images).toEqual([
      `data:image/jpeg;base64,${JPEG.toString('base64')}`,
      `data:image/gif;base64,${Buffer.from('GIF89a\x01\x00').toString('base64')}`,
    ]);
    expect(read.warnings).toEqual([]);
    const named = await readAttachments(
      [bytesFile('chart.png', Buffer.from('<svg/>'), 'image/png'), bytesFile('data.bin', PNG)],
      { ...options, imageInput: false },
    );
    expect(named.warnings).toEqual([
      'chart.png was not sent: it is not a PNG, JPEG, GIF or WebP image',
      'This model takes text only, so the image data.bin was not sent',
    ]);
  });

  it.each([
    ['NUL bytes', Buffer.from('abc\0def')],
    ['an escape character', Buffer.from('red \u001b[31m text')],
    ['a lone continuation byte', Buffer.from([0x68, 0x69, 0x80])],
    ['Latin-1 text', Buffer.from('café', 'latin1')],
    ['UTF-16', Buffer.from('\ufeffhello', 'utf16le')],
  ])('refuses a text file holding %s', async (_, bytes) => {
    const read = await readAttachments([bytesFile('notes.txt', bytes)], options);
    expect(read).toEqual({
      text: '',
      images: [],
      warnings: ['notes.txt was not read: it is not UTF-8 text (it looks like a binary file)'],
    });
  });

  it('reads UTF-8 with tabs, CRLF line ends, a byte-order mark and non-Latin letters', async () => {
    const read = await readAttachments(
      [bytesFile('poem.txt', Buffer.from('\ufeffname\tвода\r\n日本語 ✓\r\n'))],
      options,
    );
    expect(read.text).toBe('File poem.txt:\n```txt\nname\tвода\r\n日本語 ✓\r\n```');
    expect(read.warnings).toEqual([]);
  });

  it('stops reading a file whose size was under-reported once it passes the limit', async () => {
    const read = await readAttachments([{ ...file('long.txt', 'y'.repeat(5000)), size: 10 }], options);
    expect(read.warnings).toEqual(['long.txt is larger than 1 kB and was not read']);
  });
});

describe('formatBytes', () => {
  it.each([
    [1, '1 byte'],
    [500, '500 bytes'],
    [1000, '1 kB'],
    [100_000, '100 kB'],
    [2_000_000, '2 MB'],
    [10_485_760, '10.5 MB'],
  ])('%i bytes read as %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });
});
