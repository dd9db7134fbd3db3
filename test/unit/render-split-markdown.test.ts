// Long answers are cut into Discord-sized pieces without losing text or breaking code blocks.
import { describe, expect, it } from 'vitest';
import { splitMarkdown, truncateMarkdown } from '../../src/render/discord/text/split-markdown.ts';

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;
const fenceLines = (chunk: string) => chunk.split('\n').filter((line) => FENCE_LINE.test(line));
const withoutFencesOrSpace = (text: string) =>
  text
    .split('\n')
    .filter((line) => !FENCE_LINE.test(line))
    .join('')
    .replace(/\s+/g, '');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codeBlock = (fence: string, language: string, lines: number) =>
  [
    `${fence}${language}`,
    ...Array.from({ length: lines }, (_, index) => `  value_${index} = compute(${index})  # step ${index}`),
    fence,
  ].join('\n');

const sentences = (count: number) =>
  Array.from({ length: count }, (_, index) => `Sentence number ${index} says something.`).join(' ');

const mixedAnswer = [
  '# A heading',
  sentences(30),
  codeBlock('```', 'python', 40),
  'Short paragraph between blocks.',
  codeBlock('~~~', 'bash', 25),
  'x'.repeat(700),
  Array.from({ length: 50 }, (_, index) => `- list item ${index}`).join('\n'),
  codeBlock('````', 'md', 10),
  sentences(12),
].join('\n\n');

describe('splitMarkdown', () => {
  it('sends nothing for an empty or blank answer', () => {
    expect(splitMarkdown('')).toEqual([]);
    expect(splitMarkdown('  \n\n ')).toEqual([]);
  });

  it('keeps a short answer as one message', () => {
    expect(splitMarkdown('Hello **there**.')).toEqual(['Hello **there**.']);
  });

  it.each([120, 300, 777, 2000])('never exceeds %i characters and loses no text', (limit) => {
    const chunks = splitMarkdown(mixedAnswer, limit);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(limit);
    expect(withoutFencesOrSpace(chunks.join('\n'))).toBe(withoutFencesOrSpace(mixedAnswer));
  });

  it.each([120, 300, 777, 2000])('leaves no code block open in any chunk at limit %i', (limit) => {
    for (const chunk of splitMarkdown(mixedAnswer, limit)) expect(fenceLines(chunk).length % 2).toBe(0);
  });

  it('reopens a cut code block with its language in the next message', () => {
    const chunks = splitMarkdown(`Here is the script:\n\n${codeBlock('```', 'python', 60)}\n\nDone.`, 500);
    const continued = chunks.slice(1).filter((chunk) => chunk.includes('value_'));
    expect(continued.length).toBeGreaterThan(1);
    for (const chunk of continued) expect(chunk.startsWith('```python\n')).toBe(true);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.endsWith('\n```')).toBe(true);
    expect(chunks.at(-1)?.endsWith('```\n\nDone.')).toBe(true);
  });

  it('reopens ~~~ fences with the same marker', () => {
    const chunks = splitMarkdown(codeBlock('~~~', 'bash', 60), 400);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.startsWith('~~~bash\n')).toBe(true);
      expect(chunk.endsWith('\n~~~')).toBe(true);
    }
  });

  it('cuts at a blank line rather than a line break', () => {
    const first = `${'a'.repeat(40)}\n${'b'.repeat(30)}`;
    const second = `${'c'.repeat(20)}\n${'d'.repeat(50)}`;
    expect(splitMarkdown(`${first}\n\n${second}`, 100)).toEqual([first, second]);
  });

  it('cuts at a line break rather than a sentence end', () => {
    const first = 'First line. It has two sentences.';
    const second = `Second line goes on. And then on. ${'z'.repeat(20)}`;
    expect(splitMarkdown(`${first}\n${second}`, 60)).toEqual([first, second]);
  });

  it('cuts after a sentence rather than between words of the next one', () => {
    const chunks = splitMarkdown('The first sentence is here. The second sentence keeps on going and going', 50);
    expect(chunks[0]).toBe('The first sentence is here.');
  });

  it('cuts between words rather than inside one', () => {
    const chunks = splitMarkdown('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda', 20);
    for (const chunk of chunks) expect(chunk).toMatch(/^[a-z]+( [a-z]+)*$/);
  });

  it('hard-cuts a word longer than a message', () => {
    expect(splitMarkdown('x'.repeat(250), 100).map((chunk) => chunk.length)).toEqual([100, 100, 50]);
  });

  it('never splits an emoji in two', () => {
    const chunks = splitMarkdown('😀'.repeat(150), 101);
    for (const chunk of chunks) expect(chunk).not.toMatch(LONE_SURROGATE);
    expect(chunks.join('')).toBe('😀'.repeat(150));
  });
});

describe('truncateMarkdown', () => {
  it('leaves text that fits untouched', () => {
    expect(truncateMarkdown('Short answer.', 50)).toEqual({ text: 'Short answer.', truncated: false });
  });

  it('cuts at a word and ends with the marker, within the limit', () => {
    const { text, truncated } = truncateMarkdown(sentences(20), 100);
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/(says something\.|\w)…$/);
    expect(sentences(20).startsWith(text.slice(0, -1))).toBe(true);
  });

  it('uses a custom marker and still fits', () => {
    const { text } = truncateMarkdown(sentences(20), 100, ' [cut]');
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.endsWith(' [cut]')).toBe(true);
  });

  it('drops a code block that starts late instead of cutting it open', () => {
    const prose = sentences(6);
    const { text } = truncateMarkdown(`${prose}\n\n${codeBlock('```', 'ts', 30)}`, 400);
    expect(text).toBe(`${prose}…`);
  });

  it('closes a code block that starts early and keeps its beginning', () => {
    const { text } = truncateMarkdown(`Run this:\n\n${codeBlock('```', 'ts', 30)}\n\nThen rest.`, 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toContain('```ts\n  value_0');
    expect(fenceLines(text)).toHaveLength(2);
    expect(text.endsWith('\n```\n…')).toBe(true);
  });

  it.each([40, 90, 150, 333, 1000, 4096])('never breaks a code block at limit %i', (limit) => {
    const { text } = truncateMarkdown(mixedAnswer, limit);
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(fenceLines(text).length % 2).toBe(0);
  });
});
