// Cluster-robust (sandwich) covariance of a penalised maximum-likelihood fit, and the 95 % rating intervals it
// gives: cov = H⁻¹·B·H⁻¹·C/(C − 1), H the penalised information, B the sum over clusters of each cluster's score
// outer product. The raw and the style-controlled ratings both use it, with one comparison as the cluster.
import { solveSymmetric } from './fit-bradley-terry.ts';
import { ELO_POINTS_PER_THETA } from './to-elo-ratings.ts';

const Z_95 = 1.959963984540054;

/** B, accumulated one cluster score at a time. */
export interface ClusterMeat {
  dimension: number;
  meat: Float64Array;
  clusters: number;
  /** Adds `times` clusters that share the score `score` (interchangeable comparisons). */
  add(score: Float64Array, times?: number): void;
}

export function clusterMeat(dimension: number): ClusterMeat {
  const meat = new Float64Array(dimension * dimension);
  const accumulated: ClusterMeat = {
    dimension,
    meat,
    clusters: 0,
    add(score, times = 1) {
      accumulated.clusters += times;
      for (let left = 0; left < dimension; left += 1) {
        if (score[left] === 0) continue;
        const factor = times * score[left]!;
        for (let right = 0; right < dimension; right += 1) meat[left * dimension + right]! += factor * score[right]!;
      }
    },
  };
  return accumulated;
}

/** `information` is −Hessian of the penalised log-likelihood at the fit (row-major; left unchanged). */
export function sandwichCovariance(
  information: Float64Array,
  { meat, dimension, clusters }: ClusterMeat,
): Float64Array {
  const inverse = new Float64Array(dimension * dimension);
  for (let column = 0; column < dimension; column += 1) {
    const unit = new Float64Array(dimension);
    unit[column] = 1;
    const solved = solveSymmetric(Float64Array.from(information), unit, dimension);
    for (let row = 0; row < dimension; row += 1) inverse[row * dimension + column] = solved[row]!;
  }
  const correction = clusters > 1 ? clusters / (clusters - 1) : 1;
  return multiply(multiply(inverse, meat, dimension), inverse, dimension).map((value) => value * correction);
}

/**
 * 95 % intervals of the first `size` parameters as Elo ratings. A rating is a contrast of θ: against the anchor,
 * or against the mean when there is none, so its variance is the contrast's quadratic form; the anchor's is zero.
 */
export function ratingIntervals(
  covariance: Float64Array,
  dimension: number,
  ratings: Float64Array,
  anchorIndex: number | null,
): { lower: Float64Array; upper: Float64Array } {
  const size = ratings.length;
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let index = 0; index < size; index += 1) {
    const contrast = new Float64Array(dimension);
    if (anchorIndex === null) for (let other = 0; other < size; other += 1) contrast[other] = -1 / size;
    else contrast[anchorIndex] = -1;
    contrast[index]! += 1;
    const half = index === anchorIndex ? 0 : Z_95 * standardError(covariance, contrast) * ELO_POINTS_PER_THETA;
    lower[index] = ratings[index]! - half;
    upper[index] = ratings[index]! + half;
  }
  return { lower, upper };
}

/** The 95 % half-width of parameter `index` on its own scale. */
export function halfWidth(covariance: Float64Array, dimension: number, index: number): number {
  return Z_95 * Math.sqrt(Math.max(0, covariance[index * dimension + index]!));
}

function standardError(covariance: Float64Array, contrast: Float64Array): number {
  const size = contrast.length;
  let total = 0;
  for (let row = 0; row < size; row += 1) {
    if (contrast[row] === 0) continue;
    for (let column = 0; column < size; column += 1)
      total += contrast[row]! * covariance[row * size + column]! * contrast[column]!;
  }
  return Math.sqrt(Math.max(0, total));
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let row = 0; row < size; row += 1) {
    for (let middle = 0; middle < size; middle += 1) {
      const factor = left[row * size + middle]!;
      if (factor === 0) continue;
      for (let column = 0; column < size; column += 1)
        product[row * size + column]! += factor * right[middle * size + column]!;
    }
  }
  return product;
}
