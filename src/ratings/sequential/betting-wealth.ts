// The wealth of a bettor who wagers, comparison by comparison, that the mean outcome is not `nullMean`
// (Waudby-Smith & Ramdas, "Estimating means of bounded random variables by betting", JRSS-B 2024). If the null
// is true no betting strategy fixed before each outcome makes money on average, so the wealth is a test
// martingale and by Ville's inequality it ever reaches 1/α with probability at most α: stopping the first time
// it does is a test that stays valid however often it is checked.
//
// Two-sided by hedging: half the stake bets the mean is above the null, half below. Each side is itself an
// equal mixture of two bettors: a fixed bet sized for the plan's minimum effect (Kelly's fraction for a win
// rate of ½ + effect, so power at the planned effect is good) and the paper's predictable plug-in, whose bet
// shrinks with time so the confidence sequence keeps narrowing however long the experiment runs.
import type { SequentialPlan } from './sequential-plan.ts';

/** Never stake more than ¾ of what the worst possible outcome could take (the paper's truncation c). */
const STAKE_CAP = 0.75;

/** Kelly's bet on a Bernoulli(½ + effect) outcome against a null of ½, in units of (outcome − ½). */
export function plannedBet(plan: SequentialPlan): number {
  return Math.min(4 * plan.minimumEffect, STAKE_CAP / 0.5);
}

/** Log-wealths, each starting at 0 (wealth 1). */
export interface LogWealth {
  /** The hedged total: ln(½·e^up + ½·e^down); the e-value is its exponential. */
  total: number;
  /** Betting that the mean is above the null (arm A wins), a mixture of the planned and plug-in bettors. */
  up: number;
  down: number;
  /** The planned-bet bettor alone on each side: what the vote planner extrapolates. */
  plannedUp: number;
  plannedDown: number;
}

export interface BettingWealth {
  observe(outcome: number): void;
  wealth(): LogWealth;
}

/** ln(½·e^a + ½·e^b) without overflow. */
export function logMeanExp(a: number, b: number): number {
  const larger = Math.max(a, b);
  if (larger === -Infinity) return -Infinity;
  return larger + Math.log((Math.exp(a - larger) + Math.exp(b - larger)) / 2);
}

export function createBettingWealth(plan: SequentialPlan, nullMean: number): BettingWealth {
  const capUp = nullMean > 0 ? STAKE_CAP / nullMean : Infinity;
  const capDown = nullMean < 1 ? STAKE_CAP / (1 - nullMean) : Infinity;
  const planned = plannedBet(plan);
  const plugInScale = 2 * Math.log(2 / plan.alpha);
  let plannedUp = 0;
  let plannedDown = 0;
  let plugInUp = 0;
  let plugInDown = 0;
  // The paper's regularised running mean and variance: start as if one outcome ½ with variance ¼ was seen.
  let count = 0;
  let sum = 0.5;
  let squaredDeviations = 0.25;
  return {
    observe(outcome) {
      const time = count + 1;
      const variance = squaredDeviations / time;
      const plugIn = Math.sqrt(plugInScale / (variance * time * Math.log(1 + time)));
      const deviation = outcome - nullMean;
      plannedUp += Math.log1p(Math.min(planned, capUp) * deviation);
      plannedDown += Math.log1p(-Math.min(planned, capDown) * deviation);
      plugInUp += Math.log1p(Math.min(plugIn, capUp) * deviation);
      plugInDown += Math.log1p(-Math.min(plugIn, capDown) * deviation);
      count = time;
      sum += outcome;
      const mean = sum / (time + 1);
      squaredDeviations += (outcome - mean) ** 2;
    },
    wealth() {
      const up = logMeanExp(plannedUp, plugInUp);
      const down = logMeanExp(plannedDown, plugInDown);
      return { total: logMeanExp(up, down), up, down, plannedUp, plannedDown };
    },
  };
}
