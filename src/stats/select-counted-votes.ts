// Decides which votes count toward the leaderboard and turns each into outcomes, keeping a tally of what
// was left out and why so the leaderboard can say so. Guild scoping is the caller's job.
import type { ComparisonRecord, ComparisonSlot } from '../comparisons/comparison.js';
import type { VoteChoice, VoteRecord } from '../votes/vote.js';
import { sortVotes } from './sort-votes.js';
import { okSlots, voteOutcomes, type PairOutcome } from './vote-outcomes.js';

export interface CountedVote {
  vote: VoteRecord;
  comparison: ComparisonRecord;
  /** Pipelines of the ok slots; empty when fewer than two slots finished. */
  participants: string[];
  /**
   * Sorted by pipeline ids, and the very same array for every vote with identical outcomes (same winner or
   * tie, same ok pipelines), so callers can group votes by it. Read, never modify.
   */
  outcomes: readonly PairOutcome[];
}

export interface VoteCounts {
  /** Votes handed in. */
  given: number;
  /** Left out because the voter had revealed the pipelines first. */
  afterReveal: number;
  /** Left out because their comparison was not found. */
  missingComparison: number;
  /** Counted but gave no pairwise outcome (fewer than two ok slots, a failed slot picked, ties excluded). */
  withoutOutcomes: number;
  /** Votes that gave at least one outcome: the ones the ratings rest on. */
  rated: number;
}

export interface SelectOptions {
  excludeTies: boolean;
  includeAfterReveal: boolean;
}

/** Counted votes come out grouped by comparison, in canonical order (sortVotes). */
export function selectCountedVotes(
  votes: readonly VoteRecord[],
  comparisons: ReadonlyMap<string, ComparisonRecord>,
  options: SelectOptions,
): { counted: CountedVote[]; counts: VoteCounts } {
  const counts: VoteCounts = { given: votes.length, afterReveal: 0, missingComparison: 0, withoutOutcomes: 0, rated: 0 };
  const counted: CountedVote[] = [];
  const numbers = { okSets: new Map<string, number>(), pipelines: new Map<string, number>() };
  const patterns = new Map<number, PairOutcome[]>();
  let shape: ComparisonShape | undefined;
  for (const vote of sortVotes(votes)) {
    if (vote.afterReveal && !options.includeAfterReveal) {
      counts.afterReveal += 1;
      continue;
    }
    const comparison = comparisons.get(vote.comparisonId);
    if (comparison === undefined) {
      counts.missingComparison += 1;
      continue;
    }
    if (shape?.comparison !== comparison) shape = shapeOf(comparison, numbers);
    const patternKey = patternKeyOf(vote.choice, shape);
    let outcomes = patterns.get(patternKey);
    if (outcomes === undefined) {
      // Sorted so that online Elo, which applies a vote's outcomes in turn, ignores the slot order.
      outcomes = voteOutcomes(vote.choice, comparison, options.excludeTies, shape.slots).sort(compareOutcomes);
      patterns.set(patternKey, outcomes);
    }
    if (outcomes.length === 0) counts.withoutOutcomes += 1;
    else counts.rated += 1;
    counted.push({ vote, comparison, participants: shape.participants, outcomes });
  }
  return { counted, counts };
}

/** What every vote on one comparison shares; votes come grouped by comparison, so it is computed once each. */
interface ComparisonShape {
  comparison: ComparisonRecord;
  slots: ComparisonSlot[];
  participants: string[];
  /** Numbers the multiset of ok pipelines: comparisons with the same ok pipelines share it. */
  okSetNumber: number;
  /** Per display slot: the pipeline's number when the slot is ok, else -1. */
  okPipelineNumbers: number[];
}

function shapeOf(comparison: ComparisonRecord, numbers: { okSets: Map<string, number>; pipelines: Map<string, number> }): ComparisonShape {
  const slots = okSlots(comparison);
  const okPipelines = slots.map((slot) => slot.pipelineId);
  const participants = slots.length < 2 ? [] : [...new Set(okPipelines)];
  const okSet = okPipelines.sort().join('\u0000');
  let okSetNumber = numbers.okSets.get(okSet);
  if (okSetNumber === undefined) numbers.okSets.set(okSet, (okSetNumber = numbers.okSets.size));
  const okPipelineNumbers = comparison.slots.map((slot) => {
    if (!slots.includes(slot)) return -1;
    let number = numbers.pipelines.get(slot.pipelineId);
    if (number === undefined) numbers.pipelines.set(slot.pipelineId, (number = numbers.pipelines.size));
    return number;
  });
  return { comparison, slots, participants, okSetNumber, okPipelineNumbers };
}

/**
 * Outcomes follow from the choice (a winning pipeline, or tie-like) and the multiset of ok pipelines, so
 * those two numbered make the key; a pick of a failed or missing slot gives nothing whatever the set.
 */
function patternKeyOf(choice: VoteChoice, shape: ComparisonShape): number {
  if (choice.kind !== 'pick') return shape.okSetNumber * 2 ** 20;
  const winner = shape.okPipelineNumbers[choice.slot] ?? -1;
  return winner < 0 ? -1 : shape.okSetNumber * 2 ** 20 + 1 + winner;
}

function compareOutcomes(left: PairOutcome, right: PairOutcome): number {
  const first = left.first < right.first ? -1 : left.first > right.first ? 1 : 0;
  return first || (left.second < right.second ? -1 : left.second > right.second ? 1 : 0);
}
