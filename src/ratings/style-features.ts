// The style covariates of LMArena's style control: length in tokens and the markdown a reader sees (headers,
// list items, bold spans; counted with code blocks removed when the answer was stored). A pair of answers
// differs in each by (a − b) / (a + b + 1): relative, bounded in (−1, 1), and 0 when both are equal.
import type { AnswerFeatures } from '../records/comparisons/answer-features-schema.ts';

export const STYLE_FEATURES = [
  'tokens',
  'headers',
  'listItems',
  'boldSpans',
] as const satisfies readonly (keyof AnswerFeatures)[];
export type StyleFeature = (typeof STYLE_FEATURES)[number];

export function styleDifference(first: number, second: number): number {
  return (first - second) / (first + second + 1);
}

/**
 * Per comparison (numbered as CountedVote.comparison), its ok slots' pipelines and style features, in flat
 * arrays so that 150 000 votes cost a few numbers each. Comparison k owns slots slotStart[k] .. slotStart[k + 1] − 1;
 * a slot's features are features[slot * STYLE_FEATURES.length + f], NaN when its ballot has none (stored before
 * features existed).
 */
export interface ComparisonStyles {
  slotStart: number[];
  slotPipeline: string[];
  features: number[];
}

/** Appends one slot's features to `features` in STYLE_FEATURES order (NaN for each when it has none), field by field:
 * a count does this for every slot. */
export function pushStyleFeatures(
  features: number[],
  slot: Pick<AnswerFeatures, StyleFeature> | null | undefined,
): void {
  if (slot === null || slot === undefined) features.push(Number.NaN, Number.NaN, Number.NaN, Number.NaN);
  else features.push(slot.tokens, slot.headers, slot.listItems, slot.boldSpans);
}

export function emptyComparisonStyles(): ComparisonStyles {
  return { slotStart: [0], slotPipeline: [], features: [] };
}
