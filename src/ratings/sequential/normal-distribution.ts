// The standard normal distribution function on the log scale, accurate far into the tails: the vote planner
// multiplies a tiny tail probability by a large exponential, which ordinary doubles would turn into 0 · ∞.

const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
];

/** ln erfc(z) for z ≥ 0 (Numerical Recipes' erfcc, fractional error below 1.2e-7 everywhere). */
function logErfc(z: number): number {
  const t = 1 / (1 + z / 2);
  const series = ERFC_COEFFICIENTS.reduceRight((total, coefficient) => total * t + coefficient, 0);
  return Math.log(t) - z * z + series;
}

/** ln Φ(x), Φ the standard normal distribution function. */
export function logNormalCdf(x: number): number {
  const scaled = Math.abs(x) / Math.SQRT2;
  // Φ(x) = ½·erfc(−x/√2): the lower tail directly on the log scale, the upper one as 1 minus a small tail.
  return x < 0 ? Math.log(0.5) + logErfc(scaled) : Math.log1p(-0.5 * Math.exp(logErfc(scaled)));
}
