// Components v2 renderers stay within Discord's limits at their largest, and the checker finds what Discord refuses.
import { describe, expect, it } from 'vitest';
import { renderComparisonV2 } from '../../src/render/discord/v2/comparison-v2.ts';
import { checkV2Message, measureV2 } from '../../src/render/discord/v2/check-v2-message.ts';
import { embedsToV2 } from '../../src/render/discord/v2/embeds-to-v2.ts';
import { container, textDisplay, v2Message } from '../../src/render/discord/v2/v2-parts.ts';

const long = 'word '.repeat(2000);
const slots = (count: number) =>
  'ABCDEFGH'
    .slice(0, count)
    .split('')
    .map((letter) => ({ letter, state: 'ok' as const, answer: long }));

describe('renderComparisonV2', () => {
  it('keeps eight long answers, each with its Full answer button, under 40 components and 4,000 characters', () => {
    const message = renderComparisonV2({
      comparisonId: 'c1',
      prompt: long,
      slots: slots(8),
      done: true,
      askWhy: true,
      votesNote: '7 votes so far',
    });
    expect(checkV2Message(message)).toEqual([]);
    expect(measureV2(message.components).components).toBeLessThanOrEqual(40);
    expect(JSON.stringify(message)).toContain('Full answer H');
  });

  it('adds the vote buttons where reactions cannot be the ballot and still stays under 40 components with eight slots', () => {
    const message = renderComparisonV2({
      comparisonId: 'c1',
      prompt: 'hi',
      slots: slots(8),
      done: true,
      askWhy: true,
      ballot: 'buttons',
    });
    expect(checkV2Message(message)).toEqual([]);
    const text = JSON.stringify(message);
    for (const label of ['"A"', '"H"', '🤝 Tie', '👎 All bad', 'Reveal pipelines', 'Why?'])
      expect(text).toContain(label);
  });
});

describe('embedsToV2', () => {
  it('fits six full embeds and the content into 4,000 characters of text displays', () => {
    const embeds = Array.from({ length: 6 }, (_, index) => ({
      title: `Embed ${index}`,
      description: 'x'.repeat(4096),
      color: 1,
    }));
    const message = embedsToV2({ content: 'y'.repeat(2000), embeds, files: ['chart.png', 'data.json'] });
    expect(checkV2Message(message)).toEqual([]);
    expect(measureV2(message.components).textLength).toBeLessThanOrEqual(4000);
  });
});

describe('checkV2Message', () => {
  it('names each thing Discord would refuse', () => {
    const many = Array.from({ length: 21 }, () => container([textDisplay('x'.repeat(200))]));
    expect(checkV2Message({ ...v2Message(many), content: 'hi', embeds: [{}] })).toEqual([
      'it has `content`, which v2 messages cannot have',
      'it has `embeds`, which v2 messages cannot have',
      "42 components, over Discord's 40",
      "4200 characters of text, over Discord's 4000",
    ]);
    expect(checkV2Message({ components: [textDisplay('a')] })).toEqual(['the IsComponentsV2 flag is not set']);
  });
});
