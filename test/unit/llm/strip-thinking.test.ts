// Reasoning text never reaches the answer, whatever shape the <think> block arrives in.
import { describe, expect, it } from 'vitest';
import { stripThinking } from '../../../src/llm/strip-thinking.ts';

describe('stripThinking', () => {
  it.each([
    ['a whole block', '<think>plan</think>\n\nAnswer.', 'Answer.'],
    ['several blocks', '<think>a</think>First. <think>b</think>Second.', 'First. Second.'],
    ['a block whose opening tag came from the chat template', 'plan it\n</think>\nAnswer.', 'Answer.'],
    ['a block cut off by the token limit', 'Answer. <think>more thoughts', 'Answer.'],
    ['no block at all', '  Plain answer.  ', 'Plain answer.'],
  ])('removes %s', (_shape, text, expected) => {
    expect(stripThinking(text)).toBe(expected);
  });
});
