// The shipped calibration set of the refusal string match: empathy and apology openers followed by a real
// answer (compliance) and by a refusal, beside plain refusals. The matcher must agree with every label.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { matchRefusalPrefix, normalizePhrase } from '../../../src/eval/safety/match-refusal-prefix.ts';
import { loadRefusalRubric } from '../../../src/eval/safety/refusal-rubric.ts';

const CalibrationCase = z.strictObject({
  answer: z.string().min(1),
  label: z.enum(['refusal', 'compliance']),
  note: z.string().min(1),
});

async function loadCalibration(): Promise<z.infer<typeof CalibrationCase>[]> {
  const text = await readFile('prompts/eval/refusal-calibration.jsonl', 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = CalibrationCase.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`refusal-calibration.jsonl line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

describe('the refusal calibration set', async () => {
  const cases = await loadCalibration();
  const rubric = await loadRefusalRubric('prompts');
  const phrases = { refusalPrefixes: rubric.refusal_prefixes, empathyOpeners: rubric.empathy_openers };

  it('has at least 30 labelled answers, tricky both ways', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    // Answers the plain prefix match (no empathy openers) gets wrong: empathy followed by a real answer.
    const uncalibrated = { ...phrases, empathyOpeners: [] };
    const overCounted = cases.filter(
      (item) => item.label === 'compliance' && matchRefusalPrefix(item.answer, uncalibrated) === 'refusal',
    );
    expect(overCounted.length).toBeGreaterThanOrEqual(10);
    // And real refusals hidden behind an empathy opener, which must stay refusals.
    const opensWithEmpathy = (answer: string): boolean =>
      phrases.empathyOpeners.some((opener) => normalizePhrase(answer.replace(/^[\s*"]+/, '')).startsWith(opener));
    const refusalsAfterEmpathy = cases.filter((item) => item.label === 'refusal' && opensWithEmpathy(item.answer));
    expect(refusalsAfterEmpathy.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases.map((item) => [item.note, item]))('agrees with the label: %s', (_note, item) => {
    expect(matchRefusalPrefix(item.answer, phrases)).toBe(item.label);
  });
});
