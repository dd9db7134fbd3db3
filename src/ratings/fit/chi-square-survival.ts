// P(χ² ≥ x) for `degreesOfFreedom` degrees of freedom, i.e. the regularised upper incomplete gamma
// Q(df/2, x/2). Series below a + 1, Lentz's continued fraction above (Numerical Recipes §6.2).

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(value) for value > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(value: number): number {
  if (value < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * value)) - logGamma(1 - value);
  const shifted = value - 1;
  let sum = LANCZOS[0]!;
  for (let index = 1; index < LANCZOS.length; index += 1) sum += LANCZOS[index]! / (shifted + index);
  const base = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(base) - base + Math.log(sum);
}

const EPSILON = 1e-15;
const MAX_TERMS = 1000;

function lowerBySeries(shape: number, x: number): number {
  let term = 1 / shape;
  let sum = term;
  for (let n = 1; n < MAX_TERMS && Math.abs(term) > Math.abs(sum) * EPSILON; n += 1) {
    term *= x / (shape + n);
    sum += term;
  }
  return sum * Math.exp(-x + shape * Math.log(x) - logGamma(shape));
}

function upperByContinuedFraction(shape: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - shape;
  let c = 1 / tiny;
  let d = 1 / b;
  let result = d;
  for (let n = 1; n < MAX_TERMS; n += 1) {
    const a = -n * (n - shape);
    b += 2;
    d = a * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return result * Math.exp(-x + shape * Math.log(x) - logGamma(shape));
}

/** Q(shape, x) = Γ(shape, x) / Γ(shape). */
export function regularizedGammaQ(shape: number, x: number): number {
  if (x <= 0) return 1;
  return x < shape + 1 ? 1 - lowerBySeries(shape, x) : upperByContinuedFraction(shape, x);
}

export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}
