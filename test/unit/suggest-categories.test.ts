// The /leaderboard category: option offers the catalog's categories as you type, and a value not among them is a
// friendly mistake naming the ones there are. Without prompts/categories.yaml only `other` is left.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { categoryOption, suggestCategories } from '../../src/bot/suggest-categories.ts';
import { UserError } from '../../src/base/user-error.ts';

describe('the category option', () => {
  it('suggests the catalog’s categories, matching id or description', async () => {
    const catalog = await loadCatalog('prompts');
    expect(suggestCategories(catalog, '').map((choice) => choice.value)).toEqual([
      'safety-sensitive',
      'maths',
      'code',
      'factual',
      'advice',
      'creative',
      'chit-chat',
      'other',
    ]);
    expect(suggestCategories(catalog, 'poem')).toEqual([
      {
        name: 'creative · Stories, poems, jokes, names, slogans, role play and other writing to invent.',
        value: 'creative',
      },
    ]);
  });

  it('takes a listed category in any case, and refuses another with the list', async () => {
    const catalog = await loadCatalog('prompts');
    expect(categoryOption(catalog, ' Maths ')).toBe('maths');
    expect(categoryOption(catalog, null)).toBeNull();
    expect(() => categoryOption(catalog, 'sums')).toThrow(UserError);
    expect(() => categoryOption(catalog, 'sums')).toThrow(
      /no prompt category called "sums"\. Pick one of: `safety-sensitive`, `maths`/,
    );
    expect(categoryOption({ ...catalog, categories: null }, 'other')).toBe('other');
    expect(() => categoryOption({ ...catalog, categories: null }, 'maths')).toThrow(/Pick one of: `other`\./);
  });
});
