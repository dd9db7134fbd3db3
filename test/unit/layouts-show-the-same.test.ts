// Both layouts show a person the same comparison: the prompt and how to vote, each slot's letter, status and answer,
// and the same buttons, whether drawn as embeds or as Components v2 (read back as tests read the fake Discord).
import { describe, expect, it } from 'vitest';
import type { ComparisonView } from '../../src/render/discord/comparison-message.ts';
import { renderComparisonIn } from '../../src/render/discord/message-layout.ts';
import type { MessageVersion } from '../fakes/discord/state.ts';
import { shownMessage } from '../fixtures/shown-message.ts';

function drawn(layout: 'embeds' | 'components-v2', view: ComparisonView): MessageVersion {
  const payload = renderComparisonIn(layout)(view);
  return {
    content: 'content' in payload ? payload.content : '',
    embeds: 'embeds' in payload ? payload.embeds : [],
    components: payload.components,
    flags: 'flags' in payload ? payload.flags : 0,
    attachments: [],
    at: new Date(0).toISOString(),
  };
}

const running: ComparisonView = {
  comparisonId: 'c1',
  prompt: 'Name my cat',
  done: false,
  slots: [
    { letter: 'A', state: 'ok', answer: 'Call it Pebble.' },
    { letter: 'B', state: 'running', answer: 'Maybe' },
    { letter: 'C', state: 'running' },
    { letter: 'D', state: 'error', failureMessage: 'The model server failed while writing this answer.' },
  ],
};
const finished: ComparisonView = {
  ...running,
  done: true,
  askWhy: true,
  slots: [
    { letter: 'A', state: 'ok', answer: 'Call it Pebble.' },
    { letter: 'B', state: 'ok', answer: 'x'.repeat(5000) },
    { letter: 'C', state: 'cancelled' },
    { letter: 'D', state: 'error', failureMessage: 'The model server failed while writing this answer.' },
  ],
};

describe('the comparison in both layouts', () => {
  it('shows the same slots, statuses and answers while the answers stream', () => {
    const [embeds, v2] = (['embeds', 'components-v2'] as const).map((layout) => shownMessage(drawn(layout, running)));
    expect(v2?.layout).toBe('components-v2');
    expect(embeds?.layout).toBe('embeds');
    expect(v2?.slots).toEqual(embeds?.slots);
    expect(v2?.slots).toEqual([
      { letter: 'A', status: 'done', answer: 'Call it Pebble.' },
      { letter: 'B', status: 'writing', answer: 'Maybe' },
      { letter: 'C', status: 'writing', answer: '' },
      { letter: 'D', status: 'failed', answer: 'The model server failed while writing this answer.' },
    ]);
    expect(v2?.header).toBe(embeds?.header);
    expect(v2?.done).toBe(false);
    expect(embeds?.done).toBe(false);
  });

  it('shows the same header and buttons once done, a long answer cut in both with its Full answer button', () => {
    const [embeds, v2] = (['embeds', 'components-v2'] as const).map((layout) => shownMessage(drawn(layout, finished)));
    expect(v2?.header).toBe(embeds?.header);
    expect(v2?.header).toContain('Failed answers cannot be voted for.');
    expect(v2?.buttons).toEqual(['Full answer B', 'Reveal pipelines', 'Why?']);
    expect(embeds?.buttons).toEqual(['Full answer B', 'Reveal pipelines', 'Why?']);
    expect(v2?.slots.map((slot) => slot.status)).toEqual(['done', 'done', 'failed', 'failed']);
    expect(embeds?.slots.map((slot) => slot.status)).toEqual(['done', 'done', 'failed', 'failed']);
    for (const shown of [v2, embeds]) {
      expect(shown?.slots[1]?.answer.length).toBeLessThan(5000);
      expect(shown?.slots[2]?.answer).toBe('Cancelled.');
      expect(shown?.done).toBe(true);
    }
  });
});
