// The models a comparison is crossed with: parsed from what the user typed, checked against what the model server
// serves, and crossed with the pipelines within the slots of one comparison.
import { describe, expect, it } from 'vitest';
import { checkServedModels, comparisonRuns, parseModelList } from '../../src/records/comparisons/compare-models.ts';
import { UserError } from '../../src/base/user-error.ts';

const messageOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('expected a UserError');
};

describe('parseModelList', () => {
  it('reads comma-separated names, trimmed, in order; no option means no crossing', () => {
    expect(parseModelList(' gpt-4o-mini ,llama3.1:70b, org/model@v2 ')).toEqual([
      'gpt-4o-mini',
      'llama3.1:70b',
      'org/model@v2',
    ]);
    expect(parseModelList(null)).toEqual([]);
    expect(parseModelList(undefined)).toEqual([]);
  });

  it('names what is wrong: blank, an empty name, a space inside a name, a name too long, a name twice', () => {
    expect(messageOf(() => parseModelList('  '))).toContain('`models` is empty.');
    expect(messageOf(() => parseModelList('a, b,'))).toBe(
      '`models` has an empty name in “a, b,”: remove the extra comma.',
    );
    expect(messageOf(() => parseModelList('gpt-4o mini, b'))).toBe(
      'Model names have no spaces (“gpt-4o mini”): separate them with commas.',
    );
    expect(messageOf(() => parseModelList(`a, ${'x'.repeat(101)}`))).toContain('at most 100 characters');
    expect(messageOf(() => parseModelList('a, b, a'))).toBe('`models` lists `a` twice; list each model once.');
  });
});

describe('checkServedModels', () => {
  const served = new Set(['gpt-4o', 'gpt-4o-mini', 'llama3.1:latest']);

  it('accepts names the server lists, Ollama names without their :latest tag, and the models already in use', () => {
    expect(() => checkServedModels(['gpt-4o', 'llama3.1', 'my-proxy-alias'], served, ['my-proxy-alias'])).not.toThrow();
  });

  it('accepts every name when the server does not say what it serves', () => {
    expect(() => checkServedModels(['anything'], null)).not.toThrow();
  });

  it('refuses an unknown name with close names the server serves, or the whole short list, or how many it serves', () => {
    expect(messageOf(() => checkServedModels(['GPT-4o'], served))).toBe(
      'The model server does not serve `GPT-4o`. Close names it serves: `gpt-4o`, `gpt-4o-mini`.',
    );
    expect(messageOf(() => checkServedModels(['mistral', 'gpt-4o'], served))).toBe(
      'The model server does not serve `mistral`. It serves: `gpt-4o`, `gpt-4o-mini`, `llama3.1:latest`.',
    );
    const many = new Set(Array.from({ length: 40 }, (_, index) => `model-${index}`));
    expect(messageOf(() => checkServedModels(['mistral'], many))).toBe(
      'The model server does not serve `mistral`. It serves 40 models; check the spelling (names must match exactly).',
    );
  });
});

describe('comparisonRuns', () => {
  it('crosses every pipeline with every model, and runs each pipeline once without models', () => {
    expect(comparisonRuns(['plain', 'cot'], [])).toEqual([{ pipelineId: 'plain' }, { pipelineId: 'cot' }]);
    expect(comparisonRuns(['plain', 'cot'], ['a', 'b'])).toEqual([
      { pipelineId: 'plain', model: 'a' },
      { pipelineId: 'plain', model: 'b' },
      { pipelineId: 'cot', model: 'a' },
      { pipelineId: 'cot', model: 'b' },
    ]);
  });

  it('keeps within the eight slots A to H', () => {
    expect(comparisonRuns(['a', 'b', 'c', 'd'], ['m1', 'm2'])).toHaveLength(8);
    expect(messageOf(() => comparisonRuns(['a', 'b', 'c'], ['m1', 'm2', 'm3']))).toBe(
      '3 pipelines × 3 models make 9 answers, but one comparison shows at most 8 (A to H). List fewer pipelines or models.',
    );
  });
});
