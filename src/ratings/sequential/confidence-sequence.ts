// The always-valid confidence sequence for the mean outcome: every win rate m at which a bettor against m has
// not yet reached 1/α (Waudby-Smith & Ramdas 2024, the hedged capital process). With probability 1 − α it holds
// the true win rate at every time at once, so it may be read after every vote.
import { createBettingWealth } from './betting-wealth.ts';
import type { SequentialPlan } from './sequential-plan.ts';

const GRID_POINTS = 64;
const BISECTIONS = 40;

function logWealthAgainst(outcomes: readonly number[], plan: SequentialPlan, mean: number): number {
  const wealth = createBettingWealth(plan, mean);
  for (const outcome of outcomes) wealth.observe(outcome);
  return wealth.wealth().total;
}

/** Bisects between a mean inside the sequence and one outside it. */
function edge(inside: number, outside: number, isInside: (mean: number) => boolean): number {
  let kept = inside;
  let dropped = outside;
  for (let step = 0; step < BISECTIONS; step += 1) {
    const middle = (kept + dropped) / 2;
    if (isInside(middle)) kept = middle;
    else dropped = middle;
  }
  return kept;
}

/**
 * [lower, upper] of the confidence sequence after `outcomes`: the smallest interval holding every win rate the
 * bettors have not ruled out, found on a grid (plus the estimate) and its ends refined by bisection. The set is an
 * interval in practice; taking its hull keeps the report on the safe side if it ever is not.
 */
export function confidenceSequence(
  outcomes: readonly number[],
  plan: SequentialPlan,
  estimate: number,
): readonly [number, number] {
  const barrier = Math.log(1 / plan.alpha);
  const isInside = (mean: number) => logWealthAgainst(outcomes, plan, mean) < barrier;
  const means = [...Array.from({ length: GRID_POINTS + 1 }, (_, index) => index / GRID_POINTS), estimate].sort(
    (a, b) => a - b,
  );
  const inside = means.map(isInside);
  const first = inside.indexOf(true);
  const last = inside.lastIndexOf(true);
  // A sequence narrower than the grid that also misses the estimate: report the estimate alone.
  if (first === -1) return [estimate, estimate];
  const lower = first === 0 ? 0 : edge(means[first]!, means[first - 1]!, isInside);
  const upper = last === means.length - 1 ? 1 : edge(means[last]!, means[last + 1]!, isInside);
  return [lower, upper];
}
