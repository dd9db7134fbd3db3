// How many more comparisons the test needs before it decides with the plan's power, if the true win rate is
// ½ ± the plan's minimum effect. Worst case for the spread of outcomes: one vote per comparison and no ties
// (ties and extra voters only make outcomes less noisy), and only the planned bettor counted (the plug-in
// bettor can only add wealth), so the figure errs on the side of more votes.
import { logNormalCdf } from './normal-distribution.ts';
import { plannedBet } from './betting-wealth.ts';
import type { SequentialPlan } from './sequential-plan.ts';

/** Siegmund's correction: a walk checked once per step overshoots its barrier by about 0.583 step deviations. */
const OVERSHOOT = 0.583;
const MAX_COMPARISONS = 10_000_000;

/**
 * P(a Brownian motion with this drift and variance per step crosses `barrier` within `steps` steps), the
 * reflection formula Φ((gn − b)/(s√n)) + exp(2gb/s²)·Φ((−gn − b)/(s√n)).
 */
function crossingProbability(barrier: number, drift: number, deviation: number, steps: number): number {
  const spread = deviation * Math.sqrt(steps);
  const direct = Math.exp(logNormalCdf((drift * steps - barrier) / spread));
  const reflected = Math.exp(
    (2 * drift * barrier) / deviation ** 2 + logNormalCdf((-drift * steps - barrier) / spread),
  );
  return Math.min(1, direct + reflected);
}

/**
 * Comparisons still needed to decide with the plan's power, given the leading side's planned-bettor log-wealth
 * so far (`credit`, 0 at the start). The hedged mixture gives that bettor a quarter of the stake, so it must
 * grow to 4/α on its own.
 */
export function comparisonsToDecide(plan: SequentialPlan, credit = 0): number {
  const bet = plannedBet(plan);
  const winRate = 0.5 + plan.minimumEffect;
  const onWin = Math.log1p(bet / 2);
  const onLoss = Math.log1p(-bet / 2);
  const drift = winRate * onWin + (1 - winRate) * onLoss;
  const deviation = (onWin - onLoss) * Math.sqrt(winRate * (1 - winRate));
  const barrier = Math.log(4 / plan.alpha) - credit + OVERSHOOT * deviation;
  if (barrier <= 0) return 0;
  const enough = (steps: number) => crossingProbability(barrier, drift, deviation, steps) >= plan.power;
  let high = 1;
  while (!enough(high)) {
    if (high >= MAX_COMPARISONS) return MAX_COMPARISONS;
    high *= 2;
  }
  let low = high / 2;
  // Invariant: `enough(high)`, and `low` is not enough (or 0.5 when high is 1).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (enough(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** Comparisons a fresh experiment with this plan needs to decide with the plan's power at its minimum effect. */
export function plannedComparisons(plan: SequentialPlan): number {
  return comparisonsToDecide(plan, 0);
}
