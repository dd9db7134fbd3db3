// The cheap fallback of the prompt-category step: the first category, in file order, with a pattern that matches
// the prompt (ignoring case), else `other`. No model call, so it cannot fail.
import { FALLBACK_CATEGORY, type CategoryPrompt } from '../../catalog/data-schemas.ts';

export function matchCategoryRules(text: string, prompt: CategoryPrompt): string {
  const found = prompt.categories.find((category) =>
    category.patterns.some((pattern) => new RegExp(pattern, 'iu').test(text)),
  );
  return found?.id ?? FALLBACK_CATEGORY;
}
