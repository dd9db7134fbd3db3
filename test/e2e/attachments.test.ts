// Attachments end to end: images reach the model as image content parts (chat, replies, /ask), text files as
// text in the turn; with IMAGE_INPUT=off, for files too large or unsupported, and when the model refuses an
// image, the user reads a clear line instead. Files are judged by their bytes, not their names: a binary file
// named .txt never reaches the model, an image with the wrong name does.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

// A 1×1 PNG: real bytes, so the data URL the model gets can be checked against them.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PIXEL_URL = `data:image/png;base64,${PIXEL.toString('base64')}`;

function mention(
  text: string,
  attachments: Array<{ filename: string; content: string | Buffer; contentType?: string }>,
  referencedMessageId?: string,
) {
  const { discord } = harness;
  const asked = discord.sendMessage({
    channelId: discord.channelId,
    authorId: discord.userId('alice'),
    content: `<@${discord.botUserId}> ${text}`,
    mentions: [discord.botUserId],
    attachments,
    referencedMessageId,
  });
  return discord.waitForMessage(
    (message) => message.reference?.messageId === asked.id && message.content.includes('-# '),
    { timeoutMs: 10_000 },
  );
}

describe('attachments', () => {
  it('sends an image in chat to the model as an image part next to the text', async () => {
    harness = await startHarness();
    await mention('what is in this picture?', [{ filename: 'pixel.png', content: PIXEL, contentType: 'image/png' }]);
    const request = harness.model.requests[0];
    expect(request?.images).toEqual([PIXEL_URL]);
    expect(request?.user).toBe('alice: what is in this picture?');
    const body = request?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'alice: what is in this picture?' },
        { type: 'image_url', image_url: { url: PIXEL_URL } },
      ],
    });
  });

  it('keeps an image from the message replied to', async () => {
    harness = await startHarness();
    const { discord } = harness;
    const photo = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: 'look',
      attachments: [{ filename: 'pixel.jpg', content: PIXEL, contentType: 'image/jpeg' }],
    });
    await mention('what colour is it?', [], photo.id);
    expect(harness.model.requests[0]?.images).toEqual([PIXEL_URL]); // a PNG named .jpg is sent as the PNG it is
  });

  it('reads a text file into the turn', async () => {
    harness = await startHarness();
    await mention('review this', [{ filename: 'notes.md', content: '# Plan\n- ship it\n' }]);
    expect(harness.model.requests[0]?.user).toBe('alice: review this\n\nFile notes.md:\n```md\n# Plan\n- ship it\n```');
  });

  it('takes an image through /ask’s file option', async () => {
    harness = await startHarness();
    const { discord, model } = harness;
    const file = discord.uploadFile({ filename: 'pixel.png', content: PIXEL, contentType: 'image/png' });
    const handle = discord.runSlashCommand({
      name: 'ask',
      userId: discord.userId('alice'),
      options: { prompt: 'describe it', file },
    });
    await handle.waitForOriginal((message) => message.content.includes('-# '), 10_000);
    expect(model.requests[0]?.images).toEqual([PIXEL_URL]);
  });

  it('says the model takes text only when IMAGE_INPUT is off, and sends no image', async () => {
    harness = await startHarness({ env: { IMAGE_INPUT: 'off' } });
    const reply = await mention('what is this?', [{ filename: 'pixel.png', content: PIXEL, contentType: 'image/png' }]);
    expect(reply.content).toContain('⚠️ This model takes text only, so the image pixel.png was not sent');
    expect(harness.model.requests[0]?.images).toEqual([]);
  });

  it('says why when the only thing sent was an image it may not pass on', async () => {
    harness = await startHarness({ env: { IMAGE_INPUT: 'off' } });
    const { discord } = harness;
    const asked = discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}>`,
      mentions: [discord.botUserId],
      attachments: [{ filename: 'pixel.png', content: PIXEL, contentType: 'image/png' }],
    });
    const reply = await discord.waitForMessage((message) => message.reference?.messageId === asked.id);
    expect(reply.content).toContain('⚠️ This model takes text only, so the image pixel.png was not sent');
    expect(harness.model.requests).toEqual([]);
  });

  it('tells the user when the model refuses the image', async () => {
    harness = await startHarness();
    harness.model.respond((request) => (request.images.length ? { status: 400 } : { text: 'fine' }));
    const reply = await mention('what is this?', [{ filename: 'pixel.png', content: PIXEL, contentType: 'image/png' }]);
    expect(reply.content).toContain(
      '⚠️ The model server refused the request with the image: this model probably takes text only.',
    );
    expect(harness.loggedErrors).toEqual([]);
  });

  it('leaves out files over the size limit and files it cannot read, saying so', async () => {
    harness = await startHarness({ env: { TEXT_FILE_MAX_BYTES: '1000' } });
    const reply = await mention('read these', [
      { filename: 'big.txt', content: 'x'.repeat(1500) },
      { filename: 'report.pdf', content: Buffer.from('%PDF-1.7'), contentType: 'application/pdf' },
    ]);
    expect(reply.content).toContain('⚠️ big.txt is larger than 1 kB and was not read');
    expect(reply.content).toContain('⚠️ report.pdf was not read: only images and text files (.txt, .md, code) are');
    expect(harness.model.requests[0]?.user).toBe('alice: read these');
  });

  it('refuses a binary file named .txt with a clear line, and sends nothing of it to the model', async () => {
    harness = await startHarness();
    // What an executable renamed to notes.txt starts with: an ELF header, NUL bytes, then bytes that are not UTF-8.
    const binary = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
      Buffer.from('SECRET-MARKER'),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    ]);
    const reply = await mention('summarise this', [
      { filename: 'notes.txt', content: binary, contentType: 'text/plain; charset=utf-8' },
    ]);
    expect(reply.content).toContain('⚠️ notes.txt was not read: it is not UTF-8 text (it looks like a binary file)');
    const request = harness.model.requests[0];
    expect(request?.user).toBe('alice: summarise this');
    expect(JSON.stringify(request?.body)).not.toContain('SECRET-MARKER');
    expect(JSON.stringify(request?.body)).not.toContain('notes.txt');
  });

  it('recognises an image by its bytes when its name and type say text, and does not send a .png that is no image', async () => {
    harness = await startHarness();
    const reply = await mention('what is this?', [
      { filename: 'scan.txt', content: PIXEL, contentType: 'text/plain' },
      { filename: 'fake.png', content: 'just words', contentType: 'image/png' },
    ]);
    expect(harness.model.requests[0]?.images).toEqual([PIXEL_URL]);
    expect(harness.model.requests[0]?.user).toBe('alice: what is this?');
    expect(reply.content).toContain('⚠️ fake.png was not sent: it is not a PNG, JPEG, GIF or WebP image');
  });

  it('gives size limits in megabytes when they are that large', async () => {
    harness = await startHarness({ env: { TEXT_FILE_MAX_BYTES: '2000000' } });
    const reply = await mention('read this', [{ filename: 'huge.log', content: 'line\n'.repeat(500_000) }]);
    expect(reply.content).toContain('⚠️ huge.log is larger than 2 MB and was not read');
  });
});
