import { describe, expect, it } from 'vitest';
import { answerFeatures } from '../../src/records/comparisons/answer-features.ts';

describe('answer features for style control', () => {
  it('counts headers, list items and bold spans outside code blocks, and the code blocks themselves', () => {
    const answer = [
      '# Title',
      'Some **bold** text and __more__.',
      '## Steps',
      '1. first',
      '2. second',
      '- bullet',
      '```',
      '# not a header',
      '- not a list item **nor bold**',
      '```',
    ].join('\n');
    expect(answerFeatures(answer)).toMatchObject({
      headers: 2,
      listItems: 3,
      boldSpans: 2,
      codeBlocks: 1,
      chars: answer.length,
    });
  });

  it('measures length in tokens with one tokenizer for every model', () => {
    expect(answerFeatures('').tokens).toBe(0);
    expect(answerFeatures('hello world').tokens).toBe(2);
    expect(answerFeatures('hello world hello world').tokens).toBeGreaterThan(answerFeatures('hello world').tokens);
  });
});
