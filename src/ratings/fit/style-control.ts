// Style control on the leaderboard: the style-aware fit on every counted comparison, with 95 % intervals from
// cluster-robust (sandwich) standard errors with the comparison as the cluster: votes on one comparison judge
// the same answers, as in the raw ratings' bootstrap over comparisons. A bootstrap refit of this model costs a
// pass over every pair per round (about 300 s for 1000 rounds at 150 000 votes); the sandwich needs one pass,
// and for a smooth fit like this one it agrees with the bootstrap as comparisons accumulate.
import { z } from 'zod';
import { evaluate, fitStyleControl } from './fit-style-control.js';
import { solveSymmetric } from './fit-bradley-terry.js';
import { STYLE_FEATURES } from '../style-features.js';
import type { StyleRows } from '../style-rows.js';
import { ELO_POINTS_PER_THETA, toEloRatings } from './to-elo-ratings.js';
import { IntervalSchema } from './wilson-interval.js';

const Z_95 = 1.959963984540054;

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

export function styleControl(rows: StyleRows, size: number, options: { lambda: number; anchorIndex: number | null }): StyleControlFit {
  const features = STYLE_FEATURES.length;
  const dimension = size + features;
  const fit = fitStyleControl(rows, size, { lambda: options.lambda });
  const ratings = toEloRatings(fit.subarray(0, size), options.anchorIndex);
  const covariance = sandwichCovariance(rows, size, fit, options.lambda);
  // A rating is a contrast of θ: against the anchor, or against the mean when there is none.
  const ratingDeviation = (index: number) => {
    const contrast = new Float64Array(dimension);
    if (options.anchorIndex === null) for (let other = 0; other < size; other += 1) contrast[other] = -1 / size;
    else contrast[options.anchorIndex] = -1;
    contrast[index]! += 1;
    return Math.sqrt(Math.max(0, quadraticForm(covariance, contrast, dimension))) * ELO_POINTS_PER_THETA;
  };
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let index = 0; index < size; index += 1) {
    const half = index === options.anchorIndex ? 0 : Z_95 * ratingDeviation(index);
    lower[index] = ratings[index]! - half;
    upper[index] = ratings[index]! + half;
  }
  const coefficients = STYLE_FEATURES.map((feature, index) => {
    const coefficient = fit[size + index]!;
    const half = Z_95 * Math.sqrt(Math.max(0, covariance[(size + index) * dimension + size + index]!));
    return { feature, coefficient, interval: { lower: coefficient - half, upper: coefficient + half }, eloPerDeviation: coefficient * ELO_POINTS_PER_THETA, deviation: rows.scale[index]! };
  });
  return { ratings, lower, upper, coefficients };
}

/** H⁻¹·B·H⁻¹·C/(C − 1): H the penalised information, B the sum over comparisons of their score's outer product. */
function sandwichCovariance(rows: StyleRows, size: number, fit: Float64Array, lambda: number): Float64Array {
  const features = STYLE_FEATURES.length;
  const dimension = size + features;
  const derivatives = { gradient: new Float64Array(dimension), curvature: new Float64Array(dimension * dimension) };
  evaluate(rows, size, fit, { lambda }, derivatives);
  const meat = new Float64Array(dimension * dimension);
  const score = new Float64Array(dimension);
  const comparisons = rows.comparisonStart.length - 1;
  for (let comparison = 0; comparison < comparisons; comparison += 1) {
    score.fill(0);
    for (let row = rows.comparisonStart[comparison]!; row < rows.comparisonStart[comparison + 1]!; row += 1) {
      const i = rows.first[row]!;
      const j = rows.second[row]!;
      let logit = fit[i]! - fit[j]!;
      for (let feature = 0; feature < features; feature += 1) logit += fit[size + feature]! * rows.x[row * features + feature]!;
      const residual = rows.win[row]! - rows.total[row]! / (1 + Math.exp(-logit));
      score[i]! += residual;
      score[j]! -= residual;
      for (let feature = 0; feature < features; feature += 1) score[size + feature]! += residual * rows.x[row * features + feature]!;
    }
    for (let left = 0; left < dimension; left += 1) {
      if (score[left] === 0) continue;
      for (let right = 0; right < dimension; right += 1) meat[left * dimension + right]! += score[left]! * score[right]!;
    }
  }
  const inverse = new Float64Array(dimension * dimension);
  for (let column = 0; column < dimension; column += 1) {
    const unit = new Float64Array(dimension);
    unit[column] = 1;
    const solved = solveSymmetric(Float64Array.from(derivatives.curvature), unit, dimension);
    for (let row = 0; row < dimension; row += 1) inverse[row * dimension + column] = solved[row]!;
  }
  const correction = comparisons > 1 ? comparisons / (comparisons - 1) : 1;
  return multiply(multiply(inverse, meat, dimension), inverse, dimension).map((value) => value * correction);
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    for (let middle = 0; middle < size; middle += 1) {
      const factor = left[row * size + middle]!;
      if (factor === 0) continue;
      for (let column = 0; column < size; column += 1) product[row * size + column]! += factor * right[middle * size + column]!;
    }
  }
  return product;
}

function quadraticForm(matrix: Float64Array, vector: Float64Array, size: number): number {
  let total = 0;
  for (let row = 0; row < size; row += 1) for (let column = 0; column < size; column += 1) total += vector[row]! * matrix[row * size + column]! * vector[column]!;
  return total;
}

