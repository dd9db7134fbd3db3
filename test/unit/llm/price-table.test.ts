// Prices: exact model names only, unknown stays unknown.
import { describe, expect, it } from 'vitest';
import { costOf, PriceTable } from '../../../src/llm/price-table.ts';

const table = PriceTable.parse({
  'gpt-4o': { input_per_million: 2.5, output_per_million: 10 },
  'llama3:8b': { input_per_million: 0, output_per_million: 0 },
});
const usage = { promptTokens: 2_000, completionTokens: 1_000 };

describe('costOf', () => {
  it('prices input and output tokens per million', () => {
    expect(costOf(table, { served: 'gpt-4o', requested: 'gpt-4o' }, usage)).toBeCloseTo(0.015, 10);
  });

  it('counts a model listed with zeros as free', () => {
    expect(costOf(table, { served: 'llama3:8b', requested: 'llama3:8b' }, usage)).toBe(0);
  });

  it('does not guess a price from a similar name', () => {
    expect(costOf(table, { served: 'gpt-4o-mini', requested: 'gpt-4o-mini' }, usage)).toBeNull();
  });

  it('does not treat inherited object keys as models', () => {
    expect(costOf(table, { served: 'constructor', requested: 'toString' }, usage)).toBeNull();
  });

  it('is unknown without usage', () => {
    expect(costOf(table, { served: 'gpt-4o', requested: 'gpt-4o' }, null)).toBeNull();
  });
});

describe('PriceTable', () => {
  it('refuses negative prices and unknown keys', () => {
    expect(PriceTable.safeParse({ m: { input_per_million: -1, output_per_million: 0 } }).success).toBe(false);
    expect(
      PriceTable.safeParse({ m: { input_per_million: 1, output_per_million: 1, cached_per_million: 1 } }).success,
    ).toBe(false);
  });
});
