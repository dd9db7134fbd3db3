// An experiment arm's transform applied to real runs of the shipped pipelines (the real engine and openai client
// against the fake model server): what a voter would see for `self-consistency|final-only` and `cot|plain-text`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTransform } from '../../src/engine/transforms/apply-transform.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai-server.ts';
import { engineAgainst } from '../fixtures/engine-for-tests.ts';
import { techniqueScript } from '../fixtures/technique-script.ts';

const ask = (content: string) => [{ role: 'user' as const, content }];
let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
});

describe('presentation transforms on real runs', () => {
  it('final-only shows self-consistency’s voted answer without the reasoning path, extracted or written', async () => {
    const paths = [
      'Six sevens:\n\n1. 6 × 7 = 42\n\nFinal answer: **42**',
      'Final answer: 41',
      'It is forty-two.',
      'Final answer: 42',
      'Final answer: 42',
    ];
    let sampled = 0;
    fake.respond(techniqueScript({ answer: () => paths[sampled++] ?? '', extracted: '42' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('self-consistency', ask('What is 6 × 7?'));
    expect(result.answer).toBe(paths[0]);
    expect(applyTransform('final-only', result.answer!, result)).toBe('**42**');
    expect(applyTransform('plain-text', applyTransform('final-only', result.answer!, result), result)).toBe('42');
  });

  it('final-only uses the extraction when the chosen path has no final line', async () => {
    const paths = ['Thinking it over, forty-two.', 'Final answer: 41', 'Final answer: 41', 'x', 'y'];
    let sampled = 0;
    fake.respond(techniqueScript({ answer: () => paths[sampled++] ?? '', extracted: '42' }));
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('self-consistency', ask('What is 6 × 7?'));
    expect(result.answer).toBe('Thinking it over, forty-two.');
    expect(applyTransform('final-only', result.answer!, result)).toBe('42');
  });

  it('chain of thought already shows only its answer; plain-text strips its formatting', async () => {
    fake.respond(
      techniqueScript({ reasoning: '1. 17 + 25 = 42.\nSo the answer is 42.', extracted: '**It is 42.**\n\n- checked' }),
    );
    const { engine } = await engineAgainst(fake);
    const result = await engine.run('cot', ask('What is 17 + 25?'));
    expect(applyTransform('final-only', result.answer!, result)).toBe(result.answer);
    expect(applyTransform('plain-text', result.answer!, result)).toBe('It is 42.\n\nchecked.');
  });
});
