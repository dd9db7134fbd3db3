// Chat answers as Discord messages: split at 2000 characters, a cursor while streaming, the figures as
// subtext when done, and ⚠️ lines saying what was left out.
import { describe, expect, it } from 'vitest';
import { renderChatReply, renderWarnings } from '../../src/render/discord/chat-reply.ts';

const FOOTER = 'plain · 2.1 s · 312 tok · $0.0004';
const paragraphs = (count: number) =>
  Array.from({ length: count }, (_, index) => `Paragraph ${index}. ${'Grey cats are calm. '.repeat(20)}`.trim()).join(
    '\n\n',
  );

describe('renderChatReply', () => {
  it('puts the figures under a short answer as subtext', () => {
    expect(renderChatReply('Call it Pebble.', FOOTER)).toEqual([`Call it Pebble.\n-# ${FOOTER}`]);
  });

  it('splits a long answer into messages of at most 2000 characters', () => {
    const chunks = renderChatReply(paragraphs(12), FOOTER);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(chunks.at(-1)?.endsWith(`\n-# ${FOOTER}`)).toBe(true);
    expect(chunks.filter((chunk) => chunk.includes('-# '))).toHaveLength(1);
  });

  it('sends the figures on their own when the last message is full', () => {
    const text = `${'word '.repeat(399)}word`; // 1999 characters
    const chunks = renderChatReply(text, FOOTER);
    expect(chunks).toEqual([text, `-# ${FOOTER}`]);
  });

  it('shows a cursor while streaming, and no figures', () => {
    const chunks = renderChatReply('Call it', FOOTER, { streaming: true });
    expect(chunks).toEqual(['Call it ▌']);
  });

  it('shows only a cursor before the first words arrive', () => {
    expect(renderChatReply('', null, { streaming: true })).toEqual(['▌']);
    expect(renderChatReply('', null)).toEqual([]);
  });

  it('closes a code block that is still being written, so the cursor shows outside it', () => {
    const [chunk] = renderChatReply('Here:\n```python\nprint(1)', null, { streaming: true });
    expect(chunk).toBe('Here:\n```python\nprint(1)\n```\n▌');
  });

  it('closes a code block the model never closed before adding the figures', () => {
    const [chunk] = renderChatReply('Here:\n```python\nprint(1)', FOOTER);
    expect(chunk).toBe(`Here:\n\`\`\`python\nprint(1)\n\`\`\`\n-# ${FOOTER}`);
  });

  it('keeps a streaming message within 2000 characters with its cursor', () => {
    const text = 'x'.repeat(1999);
    for (const chunk of renderChatReply(text, null, { streaming: true }))
      expect(chunk.length).toBeLessThanOrEqual(2000);
  });
});

describe('renderWarnings', () => {
  it('writes one ⚠️ line per distinct warning', () => {
    expect(
      renderWarnings([
        'Only the last 10 messages were used',
        'Only the last 10 messages were used',
        'Images were ignored',
      ]),
    ).toBe('⚠️ Only the last 10 messages were used\n⚠️ Images were ignored');
    expect(renderWarnings([])).toBe('');
  });
});
