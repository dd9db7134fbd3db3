// Exact Binomial(n, p) draws from a uniform source: inversion by geometric waiting times when n·p is small,
// Hormann's transformed rejection with squeeze (BTRS, 1993) otherwise. Lets the bootstrap draw a
// multinomial resample in O(patterns) instead of O(votes).

// ln k! − [ln √(2π) + (k + ½)·ln(k + 1) − (k + 1)] for k = 0..9; larger k use the Stirling series.
const STIRLING_TAIL = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119,
  0.01387612882307075, 0.01189670994589177, 0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];

function stirlingTail(k: number): number {
  if (k < STIRLING_TAIL.length) return STIRLING_TAIL[k]!;
  const next = k + 1;
  const nextSquared = next * next;
  return (1 / 12 - (1 / 360 - 1 / 1260 / nextSquared) / nextSquared) / next;
}

/** Counts successes as geometric waiting times until they overrun n; expected n·p + 1 uniforms. */
function byInversion(trials: number, probability: number, random: () => number): number {
  const logFailure = Math.log1p(-probability);
  let position = 0;
  let successes = 0;
  for (;;) {
    position += Math.ceil(Math.log(1 - random()) / logFailure);
    if (position > trials) return successes;
    successes += 1;
  }
}

/** BTRS for p ≤ ½ and n·p ≥ 10: about 1.2 pairs of uniforms per draw. */
function byTransformedRejection(trials: number, probability: number, random: () => number): number {
  const spread = Math.sqrt(trials * probability * (1 - probability));
  const b = 1.15 + 2.53 * spread;
  const a = -0.0873 + 0.0248 * b + 0.01 * probability;
  const c = trials * probability + 0.5;
  const squeeze = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spread;
  const odds = probability / (1 - probability);
  const mode = Math.floor((trials + 1) * probability);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const distance = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / distance + b) * u + c);
    if (k < 0 || k > trials) continue;
    if (distance >= 0.07 && v <= squeeze) return k;
    const logV = Math.log((v * alpha) / (a / (distance * distance) + b));
    const logRatio =
      (mode + 0.5) * Math.log((mode + 1) / (odds * (trials - mode + 1))) +
      (trials + 1) * Math.log((trials - mode + 1) / (trials - k + 1)) +
      (k + 0.5) * Math.log((odds * (trials - k + 1)) / (k + 1)) +
      stirlingTail(mode) +
      stirlingTail(trials - mode) -
      stirlingTail(k) -
      stirlingTail(trials - k);
    if (logV <= logRatio) return k;
  }
}

export function sampleBinomial(trials: number, probability: number, random: () => number): number {
  if (trials <= 0 || probability <= 0) return 0;
  if (probability >= 1) return trials;
  const flipped = probability > 0.5;
  const smaller = flipped ? 1 - probability : probability;
  const draw =
    trials * smaller < 10 ? byInversion(trials, smaller, random) : byTransformedRejection(trials, smaller, random);
  return flipped ? trials - draw : draw;
}

/**
 * One multinomial draw of `total` items over categories with the given weights, into `counts`:
 * the same distribution as drawing `total` items with replacement, in O(categories).
 */
export function sampleMultinomial(
  total: number,
  weights: ArrayLike<number>,
  random: () => number,
  counts: Float64Array,
): void {
  let remaining = total;
  let remainingWeight = 0;
  for (let index = 0; index < weights.length; index += 1) remainingWeight += weights[index]!;
  for (let index = 0; index < weights.length; index += 1) {
    const weight = weights[index]!;
    const count =
      index === weights.length - 1
        ? remaining
        : sampleBinomial(remaining, Math.min(1, weight / remainingWeight), random);
    counts[index] = count;
    remaining -= count;
    remainingWeight -= weight;
  }
}
