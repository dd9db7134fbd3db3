// Style control on the leaderboard: the style-aware fit on every counted comparison, with 95 % intervals from
// cluster-robust (sandwich) standard errors with the comparison as the cluster: votes on one comparison judge
// the same answers, as in the raw ratings' intervals (the same sandwich code). A bootstrap refit of this model costs a
// pass over every pair per round (about 300 s for 1000 rounds at 150 000 votes); the sandwich needs one pass,
// and for a smooth fit like this one it agrees with the bootstrap as comparisons accumulate.
import { z } from 'zod';
import { fitStyleControl, type StyleFit } from './fit-style-control.ts';
import { clusterMeat, halfWidth, ratingIntervals, sandwichCovariance } from './sandwich-covariance.ts';
import { STYLE_FEATURES } from '../style-features.ts';
import type { StyleRows } from '../style-rows.ts';
import { ELO_POINTS_PER_THETA, toEloRatings } from './to-elo-ratings.ts';
import { IntervalSchema } from './wilson-interval.ts';

export const StyleCoefficientSchema = z.strictObject({
  feature: z.enum(STYLE_FEATURES),
  /** Change of the logit per standard deviation of the feature's difference; > 0 means more of it wins votes. */
  coefficient: z.number(),
  interval: IntervalSchema,
  /** The same in Elo points per standard deviation (400 / ln 10 times the coefficient). */
  eloPerDeviation: z.number(),
  /** The standard deviation of (a − b) / (a + b + 1) over the counted pairs. */
  deviation: z.number(),
});
export type StyleCoefficient = z.infer<typeof StyleCoefficientSchema>;

export interface StyleControlFit {
  ratings: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  coefficients: StyleCoefficient[];
}

export function styleControl(
  rows: StyleRows,
  size: number,
  options: { lambda: number; anchorIndex: number | null; start?: Float64Array },
): StyleControlFit {
  const features = STYLE_FEATURES.length;
  const dimension = size + features;
  const styleFit = fitStyleControl(rows, size, { lambda: options.lambda }, options.start);
  const fit = styleFit.parameters;
  const ratings = toEloRatings(fit.subarray(0, size), options.anchorIndex);
  const covariance = styleCovariance(rows, size, styleFit);
  const { lower, upper } = ratingIntervals(covariance, dimension, ratings, options.anchorIndex);
  const coefficients = STYLE_FEATURES.map((feature, index) => {
    const coefficient = fit[size + index]!;
    const half = halfWidth(covariance, dimension, size + index);
    return {
      feature,
      coefficient,
      interval: { lower: coefficient - half, upper: coefficient + half },
      eloPerDeviation: coefficient * ELO_POINTS_PER_THETA,
      deviation: rows.scale[index]!,
    };
  });
  return { ratings, lower, upper, coefficients };
}

/** The sandwich with one comparison (all its rows) as the cluster. */
function styleCovariance(rows: StyleRows, size: number, { parameters: fit, curvature }: StyleFit): Float64Array {
  const features = STYLE_FEATURES.length;
  const dimension = size + features;
  const meat = clusterMeat(dimension);
  const score = new Float64Array(dimension);
  const comparisons = rows.comparisonStart.length - 1;
  for (let comparison = 0; comparison < comparisons; comparison += 1) {
    score.fill(0);
    for (let row = rows.comparisonStart[comparison]!; row < rows.comparisonStart[comparison + 1]!; row += 1) {
      const i = rows.first[row]!;
      const j = rows.second[row]!;
      let logit = fit[i]! - fit[j]!;
      for (let feature = 0; feature < features; feature += 1)
        logit += fit[size + feature]! * rows.x[row * features + feature]!;
      const residual = rows.win[row]! - rows.total[row]! / (1 + Math.exp(-logit));
      score[i]! += residual;
      score[j]! -= residual;
      for (let feature = 0; feature < features; feature += 1)
        score[size + feature]! += residual * rows.x[row * features + feature]!;
    }
    meat.add(score);
  }
  return sandwichCovariance(curvature, meat);
}
