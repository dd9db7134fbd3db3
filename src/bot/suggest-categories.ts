// The prompt categories as a /leaderboard option: suggestions while typing, and the typed value checked against
// the catalog's list (prompts/categories.yaml), so a misspelt category is a friendly reply, not an empty board.
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Catalog } from '../catalog/load-catalog.ts';
import { FALLBACK_CATEGORY } from '../catalog/data-schemas.ts';
import { UserError } from '../base/user-error.ts';

const CHOICE_NAME_MAX = 100;

/** Without prompts/categories.yaml every comparison is `other`, the one category left. */
const categoriesOf = (catalog: Catalog) =>
  catalog.categories?.categories ?? [{ id: FALLBACK_CATEGORY, description: 'Every comparison (categories are off)' }];

export function suggestCategories(catalog: Catalog, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const wanted = typed.trim().toLowerCase();
  return categoriesOf(catalog)
    .filter((category) => category.id.includes(wanted) || category.description.toLowerCase().includes(wanted))
    .map((category) => ({
      name: `${category.id} · ${category.description}`.slice(0, CHOICE_NAME_MAX),
      value: category.id,
    }));
}

/** The category asked for, as the catalog spells it; null when not asked. */
export function categoryOption(catalog: Catalog, raw: string | null): string | null {
  if (raw === null) return null;
  const wanted = raw.trim().toLowerCase();
  const known = categoriesOf(catalog).map((category) => category.id);
  if (known.includes(wanted)) return wanted;
  throw new UserError(
    'invalid-option',
    `There is no prompt category called "${raw.trim()}". Pick one of: ${known.map((id) => `\`${id}\``).join(', ')}.`,
  );
}
