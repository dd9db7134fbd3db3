// The blind comparison message: every answer fits in one message, long ones get a "Full answer"
// button, and nothing in it tells which pipeline wrote which answer.
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { decodeCustomId } from '../../src/render/discord/custom-id.ts';
import {
  renderComparison,
  renderFullAnswer,
  type ComparisonView,
  type SlotView,
} from '../../src/render/discord/comparison-message.ts';

const LETTERS = 'ABCDEFGH';
const prose = (length: number, word = 'purr') =>
  `${`${word} `.repeat(Math.ceil(length / (word.length + 1)))}`.slice(0, length).trim();

function aView(answers: Array<string | Partial<SlotView>>, overrides: Partial<ComparisonView> = {}): ComparisonView {
  return {
    comparisonId: 'cmp_8Kz2',
    prompt: 'What is a good name for a grey cat?',
    done: true,
    slots: answers.map((answer, index) => ({
      letter: LETTERS[index] ?? '?',
      state: 'ok',
      ...(typeof answer === 'string' ? { answer } : answer),
    })),
    ...overrides,
  };
}

const embedTotal = (embeds: APIEmbed[]) =>
  embeds.reduce((sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0), 0);
const buttonsOf = (payload: ReturnType<typeof renderComparison>) => payload.components.flatMap((row) => row.components);
const labels = (payload: ReturnType<typeof renderComparison>) =>
  buttonsOf(payload).map((button) => ('label' in button ? button.label : ''));

describe('renderComparison', () => {
  it('fits four 3000-character answers into one message, with a Full answer button for each', () => {
    const payload = renderComparison(
      aView([prose(3000, 'alpha'), prose(3000, 'bravo'), prose(3000, 'charlie'), prose(3000, 'delta')]),
    );
    expect(embedTotal(payload.embeds)).toBeLessThanOrEqual(6000);
    expect(payload.embeds.map((embed) => embed.title)).toEqual(['Answer A', 'Answer B', 'Answer C', 'Answer D']);
    for (const embed of payload.embeds) expect(embed.description?.endsWith('…')).toBe(true);
    expect(labels(payload)).toEqual([
      'Full answer A',
      'Full answer B',
      'Full answer C',
      'Full answer D',
      'Reveal pipelines',
    ]);
  });

  it('gives a long answer the room a short one leaves, and a button only to the cut ones', () => {
    const short = 'Call it Pebble.';
    const payload = renderComparison(aView([short, prose(5000), 'Smokey, or Ash.', prose(5000)]));
    const [a, b, c, d] = payload.embeds.map((embed) => embed.description ?? '');
    expect(a).toBe(short);
    expect(c).toBe('Smokey, or Ash.');
    expect(b?.length).toBeGreaterThan(2500);
    expect(d?.length).toBeGreaterThan(2500);
    expect(embedTotal(payload.embeds)).toBeLessThanOrEqual(6000);
    const full = buttonsOf(payload).flatMap((button) =>
      'custom_id' in button ? [decodeCustomId(button.custom_id)] : [],
    );
    expect(full.filter((id) => id?.action === 'full')).toEqual([
      { action: 'full', comparisonId: 'cmp_8Kz2', slot: 1 },
      { action: 'full', comparisonId: 'cmp_8Kz2', slot: 3 },
    ]);
  });

  it('keeps one very long answer under the 4096-character description limit', () => {
    const payload = renderComparison(aView([prose(9000), 'Pebble.']));
    expect(payload.embeds[0]?.description?.length).toBeLessThanOrEqual(4096);
    expect(labels(payload)).toEqual(['Full answer A', 'Reveal pipelines']);
  });

  it('shows answers that fit in full, with only the reveal button', () => {
    const answers = [prose(1000), prose(1200), prose(900), prose(1400)];
    const payload = renderComparison(aView(answers));
    expect(payload.embeds.map((embed) => embed.description)).toEqual(answers);
    expect(labels(payload)).toEqual(['Reveal pipelines']);
    const reveal = buttonsOf(payload)[0];
    expect(reveal?.style).toBe(ButtonStyle.Secondary);
    expect(reveal && 'custom_id' in reveal ? decodeCustomId(reveal.custom_id) : null).toEqual({
      action: 'reveal',
      comparisonId: 'cmp_8Kz2',
    });
  });

  it('never closes a code block of a cut answer in the wrong place', () => {
    const code = [
      'Try this:',
      '```python',
      ...Array.from({ length: 200 }, (_, index) => `print(${index})`),
      '```',
    ].join('\n');
    const payload = renderComparison(aView([code, code, code, code]));
    for (const embed of payload.embeds) expect((embed.description?.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  it('says how to vote once every answer is in, and not before', () => {
    const done = renderComparison(aView(['Pebble.', 'Ash.', 'Smokey.', 'Misty.'], { votesNote: '3 votes so far' }));
    expect(done.content).toContain(
      'React 🇦 🇧 🇨 🇩 for the best answer, 🤝 for a tie, 👎 if all are bad. One vote per person; change it any time.',
    );
    expect(done.content).toContain('3 votes so far');
    const running = renderComparison(aView(['Pebble.', { state: 'running' }, 'Smokey.', 'Misty.'], { done: false }));
    expect(running.content).not.toContain('React');
    expect(labels(running)).toEqual([]);
  });

  it('shows a running slot as working and a failed one with its reason', () => {
    const payload = renderComparison(
      aView(
        [{ state: 'running' }, { state: 'error', failureMessage: 'The model took too long.' }, { state: 'cancelled' }],
        { done: false },
      ),
    );
    expect(payload.embeds.map((embed) => embed.description)).toEqual([
      '⏳ Working…',
      '⚠️ The model took too long.',
      '⚠️ Cancelled.',
    ]);
  });

  it('quotes a long prompt on one short line', () => {
    const payload = renderComparison(aView(['Pebble.'], { prompt: `Name my cat.\n\n${prose(5000)}` }));
    const quoted = payload.content.split('\n').filter((line) => line.startsWith('> '));
    expect(quoted).toHaveLength(1);
    expect(quoted[0]?.length).toBeLessThanOrEqual(302);
    expect(quoted[0]).toMatch(/^> Name my cat\. purr purr .*…$/);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('lays out buttons five to a row', () => {
    const payload = renderComparison(aView(Array.from({ length: 8 }, () => prose(3000))));
    expect(payload.components.map((row) => row.components.length)).toEqual([5, 4]);
    for (const row of payload.components) expect(row.type).toBe(ComponentType.ActionRow);
    expect(embedTotal(payload.embeds)).toBeLessThanOrEqual(6000);
  });

  it('never names a pipeline or shows its figures while blind', async () => {
    const catalog = await loadCatalog('prompts');
    const names = [...catalog.pipelines.values()].flatMap((pipeline) => [pipeline.id, pipeline.label]);
    expect(names.length).toBeGreaterThan(6);
    const answers = ['Pebble, because it is small and grey.', prose(4000, 'whiskers'), 'Ash.', prose(2500, 'smoke')];
    const rendered = JSON.stringify([
      renderComparison(aView(answers)),
      renderComparison(aView(answers, { done: false })),
    ]).toLowerCase();
    for (const name of names)
      expect(rendered).not.toMatch(new RegExp(`\\b${name.toLowerCase().replace(/[()]/g, '\\$&')}\\b`));
    expect(rendered).not.toMatch(/\btok\b|\$0|\d+\.\d s\b/);
  });
});

describe('renderFullAnswer', () => {
  it('answers inline when the whole answer fits in a message', () => {
    expect(renderFullAnswer('B', 'Pebble, because it is grey.')).toEqual({
      content: '**Answer B**\nPebble, because it is grey.',
    });
  });

  it('attaches a long answer as a Markdown file, whole', () => {
    const answer = prose(5000);
    const reply = renderFullAnswer('A', answer);
    expect(reply.content).toBe('Answer A is long; here it is in full:');
    expect(reply.files?.map((file) => file.name)).toEqual(['answer-A.md']);
    expect(reply.files?.[0]?.data.toString('utf8')).toBe(answer);
  });
});
