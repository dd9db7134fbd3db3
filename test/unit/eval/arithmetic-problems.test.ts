import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateWordProblems, toJsonl } from '../../../src/eval/reasoning/arithmetic-problems.ts';
import { extractFinalNumber } from '../../../src/eval/reasoning/extract-final-number.ts';

describe('the arithmetic word problem generator', () => {
  it('gives the same problems for the same seed, and others for another seed', () => {
    expect(generateWordProblems(20, 7)).toEqual(generateWordProblems(20, 7));
    expect(generateWordProblems(20, 7)).not.toEqual(generateWordProblems(20, 8));
  });

  it('writes answers whose worked steps end in the "#### <number>" GSM8K expects, never negative', () => {
    for (const problem of generateWordProblems(200, 3)) {
      const final = /#### (-?\d+)$/.exec(problem.answer)?.[1];
      expect(final).toBeDefined();
      expect(Number(final)).toBeGreaterThanOrEqual(0);
      expect(extractFinalNumber(problem.answer)).toBe(Number(final));
    }
  });

  it('is what prompts/eval/arithmetic.jsonl was generated with (npm run eval -- --generate 100 --seed 1)', async () => {
    expect(await readFile('prompts/eval/arithmetic.jsonl', 'utf8')).toBe(toJsonl(generateWordProblems(100, 1)));
  });
});
