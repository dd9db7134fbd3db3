// The always-valid sequential test an experiment stops itself with. Each comparison of arm A with arm B is one
// observation in [0, 1] (its votes averaged, ties ½), so voters are clustered by comparison and ties count;
// the test of "A and B win equally often" is a betting e-process (Waudby-Smith & Ramdas, JRSS-B 2024) checked
// after every comparison, deciding once the e-value reaches 1/α. Unlike a fixed-sample test read after every
// vote, its false-positive rate stays at most α however often it is looked at.
import { createBettingWealth, logMeanExp, type LogWealth } from './betting-wealth.ts';
import { confidenceSequence } from './confidence-sequence.ts';
import { comparisonsToDecide } from './planned-comparisons.ts';
import type { SequentialPlan } from './sequential-plan.ts';

export { sequentialPlanSchema, type SequentialPlan } from './sequential-plan.ts';

export type ComparisonVote = 'a' | 'b' | 'tie';

/**
 * One comparison's outcome for arm A vs arm B: its votes averaged (A = 1, B = 0, tie = ½), in [0, 1];
 * undefined when nobody voted. Voters are clustered by comparison this way.
 */
export function comparisonOutcome(votes: readonly ComparisonVote[]): number | undefined {
  if (votes.length === 0) return undefined;
  const points = votes.reduce((total, vote) => total + (vote === 'a' ? 1 : vote === 'tie' ? 0.5 : 0), 0);
  return points / votes.length;
}

export interface SequentialReport {
  /** Comparisons used: all of them, or those up to the one at which the test decided (later ones are ignored). */
  observations: number;
  /** Mean outcome: arm A's win rate against arm B, ties counted half (½ before any comparison). */
  estimate: number;
  /** Always-valid (1 − α) confidence sequence for the win rate, at the current time. */
  interval: readonly [number, number];
  /** Evidence against "A and B win equally often": the test decides when it reaches 1/α. */
  eValue: number;
  /** 'a' when arm A wins more often, 'b' when arm B does, null while undecided. */
  decided: 'a' | 'b' | null;
  /**
   * Further comparisons (each with its votes) needed to decide with the plan's power if the true win rate
   * is ½ ± the plan's minimum effect; null once decided.
   */
  votesStillNeeded: number | null;
}

function checkOutcome(outcome: number, index: number): void {
  if (!Number.isFinite(outcome) || outcome < 0 || outcome > 1) {
    throw new RangeError(`Outcome ${index + 1} is ${outcome}; comparison outcomes lie in [0, 1].`);
  }
}

interface Replay {
  used: readonly number[];
  wealth: LogWealth;
}

/** Feeds outcomes in order until the e-value reaches 1/α: later outcomes arrived after the experiment stopped. */
function replay(outcomes: readonly number[], plan: SequentialPlan): Replay {
  const barrier = Math.log(1 / plan.alpha);
  const betting = createBettingWealth(plan, 0.5);
  let used = 0;
  while (used < outcomes.length && betting.wealth().total < barrier) {
    checkOutcome(outcomes[used]!, used);
    betting.observe(outcomes[used]!);
    used += 1;
  }
  return { used: outcomes.slice(0, used), wealth: betting.wealth() };
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0.5 : values.reduce((total, value) => total + value, 0) / values.length;

/** The report from the e-value's two one-sided parts, the planned bettor's credit and the outcomes used. */
function report(
  used: readonly number[],
  plan: SequentialPlan,
  logUp: number,
  logDown: number,
  plannedCredit: (aLeads: boolean) => number,
): SequentialReport {
  const logEValue = logMeanExp(logUp, logDown);
  const estimate = mean(used);
  const decided = logEValue >= Math.log(1 / plan.alpha) ? (logUp >= logDown ? 'a' : 'b') : null;
  return {
    observations: used.length,
    estimate,
    interval: confidenceSequence(used, plan, estimate),
    eValue: Math.exp(logEValue),
    decided,
    votesStillNeeded: decided === null ? comparisonsToDecide(plan, plannedCredit(estimate >= 0.5)) : null,
  };
}

/**
 * Replays the outcomes in order (comparison creation order) through a betting e-process / confidence sequence
 * for H0: mean = ½ (Waudby-Smith & Ramdas 2024), two-sided; decides when the e-value reaches 1/α.
 */
export function runSequentialTest(outcomes: readonly number[], plan: SequentialPlan): SequentialReport {
  const { used, wealth } = replay(outcomes, plan);
  return report(used, plan, wealth.up, wealth.down, (aLeads) => (aLeads ? wealth.plannedUp : wealth.plannedDown));
}

/**
 * Independent replications (other servers running the same frozen plan): the product of independent e-values
 * is an e-value. The product is taken per direction and then hedged, ½·∏E↑ + ½·∏E↓, so replications that
 * point opposite ways weaken each other instead of adding up. Estimate and interval come from the pooled
 * outcomes (replications in the order given).
 */
export function combineReplications(
  replications: readonly (readonly number[])[],
  plan: SequentialPlan,
): SequentialReport & { replications: number } {
  const replayed = replications.map((outcomes) => replay(outcomes, plan));
  const sum = (pick: (wealth: LogWealth) => number) => replayed.reduce((total, run) => total + pick(run.wealth), 0);
  const pooled = replayed.flatMap((run) => run.used);
  const combined = report(
    pooled,
    plan,
    sum((wealth) => wealth.up),
    sum((wealth) => wealth.down),
    (aLeads) => sum((wealth) => (aLeads ? wealth.plannedUp : wealth.plannedDown)),
  );
  return { ...combined, replications: replications.length };
}
