// Attachments as a chat turn carries them: text files fenced so their own backticks cannot end the block,
// images as data URLs, and a ⚠️ line for everything left out.
import { describe, expect, it } from 'vitest';
import { readAttachments } from '../../src/bot/read-attachments.js';

// Node's fetch reads data: URLs, so no server is needed for these.
const file = (name: string, text: string, contentType: string | null = null) => ({
  name, contentType, size: Buffer.byteLength(text), url: `data:text/plain;base64,${Buffer.from(text).toString('base64')}`,
});
const options = { imageInput: true, textFileMaxBytes: 1000 };

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
    const image = { ...file('cat.webp', 'RIFF'), contentType: 'image/webp' };
    expect((await readAttachments([image], options)).images).toEqual([`data:image/webp;base64,${Buffer.from('RIFF').toString('base64')}`]);
    const off = await readAttachments([image], { ...options, imageInput: false });
    expect(off).toEqual({ text: '', images: [], warnings: ['This model takes text only, so the image cat.webp was not sent'] });
  });

  it('says which files were too large or of a kind it cannot read', async () => {
    const read = await readAttachments([file('big.log', 'x'.repeat(1001)), { ...file('song.mp3', 'ID3'), contentType: 'audio/mpeg' }], options);
    expect(read.warnings).toEqual(['big.log is larger than 1 kB and was not read', 'song.mp3 was not read: only images and text files (.txt, .md, code) are']);
    expect(read.text).toBe('');
  });
});
