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
 * [lower, upper] of the confidence sequence after `outcomes`. The hedged capital is monotone on each side of
 * the estimate, so the set is an interval: found on a grid, its ends refined by bisection.
 */
export function confidenceSequence(
  outcomes: readonly number[],
  plan: SequentialPlan,
  estimate: number,
): readonly [number, number] {
  const barrier = Math.log(1 / plan.alpha);
  const isInside = (mean: number) => logWealthAgainst(outcomes, plan, mean) < barrier;
  const grid = Array.from({ length: GRID_POINTS + 1 }, (_, index) => index / GRID_POINTS);
  const candidates = [...grid, estimate].sort((a, b) => Math.abs(a - estimate) - Math.abs(b - estimate));
  const seed = candidates.find(isInside);
  // A sequence narrower than the grid that also misses the estimate: report the estimate alone.
  if (seed === undefined) return [estimate, estimate];
  const below = grid.filter((mean) => mean < seed).reverse();
  const above = grid.filter((mean) => mean > seed);
  const firstOut = (means: number[]) => means.find((mean) => !isInside(mean));
  const lowOut = firstOut(below);
  const highOut = firstOut(above);
  const lower = lowOut === undefined ? 0 : edge(seed, lowOut, isInside);
  const upper = highOut === undefined ? 1 : edge(seed, highOut, isInside);
  return [lower, upper];
}
