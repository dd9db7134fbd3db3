// The leak guard's matching: phrases anywhere, names as whole words, rule ids with their exact case.
import { describe, expect, it } from 'vitest';
import { leakMarkers } from '../../src/catalog/leak-markers.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { createLeakGuard } from '../../src/records/comparisons/leak-guard.ts';

const catalog = await loadCatalog('prompts');
const findLeak = createLeakGuard(leakMarkers(catalog, ['gpt-4o-mini']));

describe('leak guard', () => {
  it('finds technique phrases whatever the case or apostrophe', () => {
    expect(findLeak('let’s think step by step: two plus two')).toBe("Let's think step by step");
    expect(findLeak('Critique: too long.\nRevision: shorter.')).toBe('Critique:');
  });

  it('finds pipeline ids and labels, rule ids and model names standing as words', () => {
    expect(findLeak('Using Chain of thought here.')).toBe('Chain of thought');
    expect(findLeak('This follows rule S1.')).toBe('S1');
    expect(findLeak('As gpt-4o-mini I think so.')).toBe('gpt-4o-mini');
    expect(findLeak('Constitutional critique says no.')).toBe('Constitutional critique');
  });

  it('leaves ordinary answers alone: everyday ids, ids inside words, lower-case rule ids', () => {
    expect(findLeak('In plain words, the rules of chess are simple.')).toBeNull();
    expect(findLeak('The S10 bus and the h3 heading, a cotton shirt.')).toBeNull();
  });
});
