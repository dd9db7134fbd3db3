// Bradley-Terry maximum likelihood by Newton's method on θ (natural-log strengths), with a small L2
// penalty so a pipeline that never lost still gets a finite strength. Works on per-pair sums only, so a
// refit costs O(pipelines²) per iteration whatever the number of votes (the bootstrap relies on that).

/**
 * Weighted results between `size` pipelines. For i < j, `wins[i * size + j]` is i's weighted score
 * against j (a win counts 1, a tie 0.5) and `totals[i * size + j]` the weight of their outcomes.
 * Cells on or below the diagonal are ignored.
 */
export interface PairSums {
  size: number;
  wins: Float64Array;
  totals: Float64Array;
}

export interface FitOptions {
  /** Weight of the penalty λ·Σθ². */
  lambda: number;
  /** Starting strengths, e.g. the full-data fit when refitting a bootstrap sample. */
  start?: Float64Array;
}

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;

function logSigmoid(value: number): number {
  return value >= 0 ? -Math.log1p(Math.exp(-value)) : value - Math.log1p(Math.exp(value));
}

function objective(sums: PairSums, theta: Float64Array, lambda: number): number {
  const { size, wins, totals } = sums;
  let total = 0;
  for (let i = 0; i < size; i += 1) {
    total -= lambda * theta[i]! * theta[i]!;
    for (let j = i + 1; j < size; j += 1) {
      const weight = totals[i * size + j]!;
      if (weight === 0) continue;
      const score = wins[i * size + j]!;
      const gap = theta[i]! - theta[j]!;
      total += score * logSigmoid(gap) + (weight - score) * logSigmoid(-gap);
    }
  }
  return total;
}

/** Solves A·x = b in place for a symmetric positive definite A (row-major), by Cholesky. */
export function solveSymmetric(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  for (let j = 0; j < size; j += 1) {
    let diagonal = matrix[j * size + j]!;
    for (let k = 0; k < j; k += 1) diagonal -= matrix[j * size + k]! ** 2;
    const root = Math.sqrt(diagonal);
    matrix[j * size + j] = root;
    for (let i = j + 1; i < size; i += 1) {
      let value = matrix[i * size + j]!;
      for (let k = 0; k < j; k += 1) value -= matrix[i * size + k]! * matrix[j * size + k]!;
      matrix[i * size + j] = value / root;
    }
  }
  const solution = Float64Array.from(vector);
  for (let i = 0; i < size; i += 1) {
    for (let k = 0; k < i; k += 1) solution[i]! -= matrix[i * size + k]! * solution[k]!;
    solution[i]! /= matrix[i * size + i]!;
  }
  for (let i = size - 1; i >= 0; i -= 1) {
    for (let k = i + 1; k < size; k += 1) solution[i]! -= matrix[k * size + i]! * solution[k]!;
    solution[i]! /= matrix[i * size + i]!;
  }
  return solution;
}

/**
 * The penalised log-likelihood's gradient and information (−Hessian, row-major) at θ. The information is
 * positive definite (the log-likelihood is strictly concave), so it serves Newton's method and the sandwich.
 */
export function pairDerivatives(
  sums: PairSums,
  theta: Float64Array,
  lambda: number,
): { gradient: Float64Array; information: Float64Array } {
  const { size, wins, totals } = sums;
  const gradient = new Float64Array(size);
  const information = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) {
    gradient[i] = -2 * lambda * theta[i]!;
    information[i * size + i] = 2 * lambda;
  }
  for (let i = 0; i < size; i += 1) {
    for (let j = i + 1; j < size; j += 1) {
      const weight = totals[i * size + j]!;
      if (weight === 0) continue;
      const probability = 1 / (1 + Math.exp(theta[j]! - theta[i]!));
      const residual = wins[i * size + j]! - weight * probability;
      const curvature = weight * probability * (1 - probability);
      gradient[i]! += residual;
      gradient[j]! -= residual;
      information[i * size + i]! += curvature;
      information[j * size + j]! += curvature;
      information[i * size + j]! -= curvature;
      information[j * size + i]! -= curvature;
    }
  }
  return { gradient, information };
}

function newtonStep(sums: PairSums, theta: Float64Array, lambda: number): Float64Array {
  const { gradient, information } = pairDerivatives(sums, theta, lambda);
  return solveSymmetric(information, gradient, sums.size);
}

/** Returns θ maximising Σ w·[y·ln σ(θi−θj) + (1−y)·ln σ(θj−θi)] − λ·Σθ². */
export function fitBradleyTerry(sums: PairSums, options: FitOptions): Float64Array {
  const { size } = sums;
  const theta = options.start ? Float64Array.from(options.start) : new Float64Array(size);
  let current = objective(sums, theta, options.lambda);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const step = newtonStep(sums, theta, options.lambda);
    let scale = 1;
    let candidate = theta.map((value, index) => value + step[index]!);
    let value = objective(sums, candidate, options.lambda);
    // Far from the optimum a full Newton step can overshoot; halve it until the objective improves.
    while (value < current && scale > 1e-6) {
      scale /= 2;
      candidate = theta.map((entry, index) => entry + scale * step[index]!);
      value = objective(sums, candidate, options.lambda);
    }
    const largestMove = step.reduce((largest, entry) => Math.max(largest, Math.abs(entry * scale)), 0);
    theta.set(candidate);
    current = value;
    if (largestMove < TOLERANCE) break;
  }
  return theta;
}
