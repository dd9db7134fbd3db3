// The style-control coefficients in words: what each style difference is worth in rating points, with its 95 %
// interval, and how the styled column of the table was made.
import type { StyleSummary } from '../../../ratings/leaderboard.ts';
import type { StyleFeature } from '../../../ratings/style-features.ts';
import { ELO_POINTS_PER_THETA } from '../../../ratings/fit/to-elo-ratings.ts';
import { plural } from '../../../base/plural.ts';

const FEATURE_NAMES: Record<StyleFeature, string> = {
  tokens: 'length (tokens)',
  headers: 'headers',
  listItems: 'list items',
  boldSpans: 'bold spans',
};

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))}`;

export function styleControlLines(style: StyleSummary): string[] {
  const lines = style.coefficients.map(({ feature, eloPerDeviation, interval, deviation }) => {
    if (deviation === 0) return `${FEATURE_NAMES[feature]}: never differed between paired answers yet`;
    const low = interval.lower * ELO_POINTS_PER_THETA;
    const high = interval.upper * ELO_POINTS_PER_THETA;
    const clear = low > 0 ? ' · helps' : high < 0 ? ' · hurts' : '';
    return `${FEATURE_NAMES[feature]}: ${signed(eloPerDeviation)} per SD (95% CI ${signed(low)} to ${signed(high)})${clear}`;
  });
  const left =
    style.withoutFeatures > 0
      ? ` ${plural(style.withoutFeatures, 'comparison')} stored before answer features existed left out.`
      : '';
  return [
    ...lines,
    `-# Fitted on ${plural(style.comparisons, 'comparison')}: each pair's (a − b)/(a + b + 1), standardised, added to the Bradley–Terry logit (LMArena's style control). ` +
      `The styled column rates each pipeline with style held equal; Δ = ranks gained (+) or lost (−). Intervals: cluster-robust by comparison.${left}`,
  ];
}
