// Bradley–Terry with style covariates (LMArena's style control): P(first beats second) = σ(θ_first − θ_second + β·x),
// x the pair's standardised style differences. θ is then a pipeline's strength with style held equal, β what
// style alone is worth. Maximum likelihood by Newton's method with the same small L2 penalty as the plain fit.
import { STYLE_FEATURES } from '../style-features.ts';
import { solveSymmetric } from './fit-bradley-terry.ts';
import type { StyleRows } from '../style-rows.ts';

const FEATURES = STYLE_FEATURES.length;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-7;

export interface StyleFitOptions {
  lambda: number;
}

/** One pass over the rows: the penalised log-likelihood, and (when asked) its gradient and −Hessian (row-major). */
export function evaluate(
  rows: StyleRows,
  size: number,
  parameters: Float64Array,
  options: StyleFitOptions,
  derivatives: { gradient: Float64Array; curvature: Float64Array } | null,
): number {
  const dimension = size + FEATURES;
  let value = 0;
  for (let index = 0; index < dimension; index += 1) value -= options.lambda * parameters[index]! ** 2;
  if (derivatives) {
    derivatives.gradient.fill(0);
    derivatives.curvature.fill(0);
    for (let index = 0; index < dimension; index += 1) {
      derivatives.gradient[index] = -2 * options.lambda * parameters[index]!;
      derivatives.curvature[index * dimension + index] = 2 * options.lambda;
    }
  }
  const comparisons = rows.comparisonStart.length - 1;
  for (let comparison = 0; comparison < comparisons; comparison += 1) {
    for (let row = rows.comparisonStart[comparison]!; row < rows.comparisonStart[comparison + 1]!; row += 1) {
      const i = rows.first[row]!;
      const j = rows.second[row]!;
      const offset = row * FEATURES;
      let logit = parameters[i]! - parameters[j]!;
      for (let feature = 0; feature < FEATURES; feature += 1)
        logit += parameters[size + feature]! * rows.x[offset + feature]!;
      const weight = rows.total[row]!;
      const score = rows.win[row]!;
      // log σ(±logit) and σ(logit) from one exponential: this loop runs over every pair of every comparison per pass.
      const small = Math.exp(-Math.abs(logit));
      const softplus = Math.log1p(small);
      const logWin = logit >= 0 ? -softplus : logit - softplus;
      value += score * logWin + (weight - score) * (logWin - logit);
      if (!derivatives) continue;
      const probability = logit >= 0 ? 1 / (1 + small) : small / (1 + small);
      const residual = score - weight * probability;
      const information = weight * probability * (1 - probability);
      const { gradient, curvature } = derivatives;
      gradient[i]! += residual;
      gradient[j]! -= residual;
      curvature[i * dimension + i]! += information;
      curvature[j * dimension + j]! += information;
      curvature[i * dimension + j]! -= information;
      curvature[j * dimension + i]! -= information;
      for (let feature = 0; feature < FEATURES; feature += 1) {
        const column = size + feature;
        const along = information * rows.x[offset + feature]!;
        gradient[column]! += residual * rows.x[offset + feature]!;
        curvature[i * dimension + column]! += along;
        curvature[column * dimension + i]! += along;
        curvature[j * dimension + column]! -= along;
        curvature[column * dimension + j]! -= along;
        for (let other = feature; other < FEATURES; other += 1) {
          const cross = along * rows.x[offset + other]!;
          curvature[column * dimension + size + other]! += cross;
          if (other !== feature) curvature[(size + other) * dimension + column]! += cross;
        }
      }
    }
  }
  return value;
}

/** The fit, and the penalised −Hessian there (row-major), which the sandwich needs: no further pass to find it. */
export interface StyleFit {
  parameters: Float64Array;
  curvature: Float64Array;
}

const largestEntry = (values: Float64Array, scale = 1) =>
  values.reduce((largest, entry) => Math.max(largest, Math.abs(entry * scale)), 0);

/**
 * Parameters: θ (the first `size` entries, natural-log strengths) followed by the style coefficients β. `start`: θ
 * to begin from (the plain fit's, which style moves little), saving Newton passes over every pair; β starts at 0.
 */
export function fitStyleControl(
  rows: StyleRows,
  size: number,
  options: StyleFitOptions,
  start?: Float64Array,
): StyleFit {
  const dimension = size + FEATURES;
  const parameters = new Float64Array(dimension);
  if (start !== undefined) parameters.set(start.subarray(0, size));
  const derivatives = { gradient: new Float64Array(dimension), curvature: new Float64Array(dimension * dimension) };
  let current = evaluate(rows, size, parameters, options, derivatives);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const step = solveSymmetric(Float64Array.from(derivatives.curvature), derivatives.gradient, dimension);
    // Converged before trying the step: its objective change would be below rounding, where the line search
    // below could only halve it pass after pass over every row.
    if (largestEntry(step) < TOLERANCE) break;
    let scale = 1;
    // The candidate's derivatives come with its value, so an accepted step costs one pass over the rows.
    let candidate = parameters.map((value, index) => value + step[index]!);
    let value = evaluate(rows, size, candidate, options, derivatives);
    // Far from the optimum a full Newton step can overshoot; halve it until the objective improves.
    while (value < current && scale > 1e-6) {
      scale /= 2;
      candidate = parameters.map((entry, index) => entry + scale * step[index]!);
      value = evaluate(rows, size, candidate, options, derivatives);
    }
    parameters.set(candidate);
    current = value;
    if (largestEntry(step, scale) < TOLERANCE) break;
  }
  return { parameters, curvature: derivatives.curvature };
}
