// Decides which votes count toward the leaderboard and turns each into outcomes, keeping a tally of what was
// left out and why so the leaderboard can say so. Guild scoping is the caller's job. Votes arrive one at a
// time with their ballot (a stream from the store, or a list) and are kept in a compact form: no vote object,
// no ballot and no voter hash is held, so memory grows by a few numbers per vote, not by what is stored.
import { z } from 'zod';
import type { CountBallot, CountSlot, CountVote } from '../records/counting/count-record.ts';
import type { VoteChoice, VoteRecord } from '../records/votes/vote.ts';
import { choiceKey } from './sort-votes.ts';
import { emptyComparisonStyles, pushStyleFeatures, type ComparisonStyles } from './style-features.ts';
import { matchedModels } from './matched-models.ts';
import { rowKey, rowNames, type RowName, type VersionMode } from './row-keys.ts';
import { okSlots, voteOutcomes, type PairOutcome } from './vote-outcomes.ts';
import { createAnswerCostTally, type AnswerCost } from './answer-costs.ts';
import { FALLBACK_CATEGORY } from '../catalog/data-schemas.ts';

export interface CountedVote {
  /** Numbers the comparison (in arrival order) and the voter: cheaper than their ids at 100 000 votes. */
  comparison: number;
  voter: number;
  /** The vote's place among every vote given on its comparison, in the store's key order (by voter hash), from 0. */
  position: number;
  castAtMs: number;
  /** Shared by every vote with the same choice. Read, never modify. */
  choice: VoteChoice;
  /** Slots shown, and whether every one of them finished ok (the position-bias check needs both). */
  slotCount: number;
  allOk: boolean;
  /** Pipelines of the ok slots; empty when fewer than two slots finished. Shared; read only. */
  participants: readonly string[];
  /**
   * Sorted by pipeline ids, and the very same array for every vote with identical outcomes (same winner or
   * tie, same ok pipelines), so callers can group votes by it. Read, never modify.
   */
  outcomes: readonly PairOutcome[];
}

export const VoteCountsSchema = z.strictObject({
  /** Votes handed in. */
  given: z.number(),
  /** Left out because the voter had revealed the pipelines first. */
  afterReveal: z.number(),
  /** Left out because the voter was past their daily vote cap (/config vote-cap, else VOTES_PER_DAY) when they cast it. */
  overCap: z.number(),
  /** Left out because it was cast before the answer it picks was in (🤝 and 👎: before every answer was in). */
  early: z.number().default(0),
  /** Left out because the leak guard flagged an answer of their comparison (it gave its technique away). */
  leaked: z.number(),
  /** Left out because their comparison was not found. */
  missingComparison: z.number(),
  /** Left out because the leaderboard was restricted to one model and fewer than two finished answers of their comparison came from it. */
  otherModel: z.number(),
  /** Left out because the leaderboard was restricted to one prompt category and their comparison is in another. */
  otherCategory: z.number().default(0),
  /** Left out because the leaderboard was restricted to matched comparisons and theirs mixed models or parameters. */
  unmatched: z.number(),
  /** Counted but gave no pairwise outcome (fewer than two ok slots, a failed slot picked, ties excluded). */
  withoutOutcomes: z.number(),
  /** Votes that gave at least one outcome: the ones the ratings rest on. */
  rated: z.number(),
});
export type VoteCounts = z.infer<typeof VoteCountsSchema>;

export interface CountedVotes {
  counted: CountedVote[];
  counts: VoteCounts;
  /** The ok slots and their style features of every comparison a counted vote refers to. */
  styles: ComparisonStyles;
  /** Per pipeline (shown name), how often each reason tag came with a counted vote that picked it. */
  reasonTags: Map<string, Map<string, number>>;
  /** Per pipeline (shown name), what its answers cost and how long they took. */
  costs: Map<string, AnswerCost>;
  /** Per row (shown name): its technique, and its model when rows are (technique, model) cells. */
  rows: Map<string, RowName>;
  /** The drafting models of the finished answers of the comparisons considered (before any model restriction), sorted. */
  models: string[];
  /** The id of each comparison, by its number (CountedVote.comparison). */
  comparisonIds: string[];
  /** The prompt category of each comparison, by its number (`other` for those from before categories). */
  categories: string[];
}

export interface SelectOptions {
  excludeTies: boolean;
  includeAfterReveal: boolean;
  /** Also count votes on comparisons the leak guard flagged. */
  includeLeaked: boolean;
  /** Also count votes cast past the voter's daily vote cap. */
  includeOverCap: boolean;
  /** Also count votes cast before the answer they pick (🤝 and 👎: every answer) was in. */
  includeEarly: boolean;
  /** Count each version of a pipeline apart ('split') or together ('pool'). */
  versions: VersionMode;
  /** Count only comparisons whose counted answers all came from one model with the same parameters. */
  matchedOnly: boolean;
  /** Rows are (technique, model) cells: the answers of each drafting model count apart. */
  byModel: boolean;
  /** Count only the answers this model drafted (null: every model's); see shapeOf for what that leaves of a comparison. */
  model: string | null;
  /** Count only comparisons of this prompt category (null: every category); those without one are `other`. */
  category: string | null;
}

export interface VoteWithBallot {
  /** A vote record, or a count record's vote (its cast time already in ms). */
  vote: VoteRecord | CountVote;
  /** undefined when the comparison is not in the store. A whole Ballot will do. */
  ballot: CountBallot | undefined;
}

/** What every vote on one comparison shares, computed once per comparison. */
interface ComparisonShape {
  id: string;
  number: number;
  slots: CountSlot[];
  participants: readonly string[];
  /** Numbers the multiset of counted pipelines: comparisons with the same ok pipelines share it. */
  okSetNumber: number;
  /** Per display slot: the pipeline's number when the slot is counted, else -1. */
  okPipelineNumbers: number[];
  allOk: boolean;
  /** Whether its counted answers are matched; judged only when options.matchedOnly (else false). */
  matched: boolean;
  /** Its answers' costs have been tallied (at its first counted vote). */
  costed: boolean;
  /** The ballot's slots under their counting keys. */
  ballot: { slots: CountSlot[] };
}

/**
 * Feed votes grouped by comparison (the store's key order, or sortVotes) with `add`; `result` gives the counted
 * votes in that order and the counts of what was left out.
 */
export function createVoteCounter(options: SelectOptions) {
  const counts: VoteCounts = {
    given: 0,
    afterReveal: 0,
    overCap: 0,
    early: 0,
    leaked: 0,
    missingComparison: 0,
    otherCategory: 0,
    otherModel: 0,
    unmatched: 0,
    withoutOutcomes: 0,
    rated: 0,
  };
  const counted: CountedVote[] = [];
  const numbers = {
    okSets: new Map<string, number>(),
    pipelines: new Map<string, number>(),
    participants: new Map<string, readonly string[]>(),
  };
  const voters = new Map<string, number>();
  const choices = new Map<string, VoteChoice>();
  const patterns = new Map<number, PairOutcome[]>();
  let comparisons = 0;
  const comparisonIds: string[] = [];
  const categories: string[] = [];
  // One string per category, however many comparisons (count records each carry their own copy).
  const categoryNames = new Map<string, string>();
  let shape: ComparisonShape | undefined;
  // Every given vote takes a place on its comparison, counted or not, so the place can be found in the raw votes.
  let placed = { comparisonId: '', next: 0 };
  const styles = emptyComparisonStyles();
  const pipelineNames = new Map<string, string>();
  const models = new Set<string>();
  // Keyed by counting key; a tally, not a list, so tags cost nothing per vote.
  const reasonTags = new Map<string, Map<string, number>>();
  const costs = createAnswerCostTally();
  const tallyTags = (pipelineKey: string, tags: readonly string[]) => {
    let tally = reasonTags.get(pipelineKey);
    if (tally === undefined) reasonTags.set(pipelineKey, (tally = new Map()));
    for (const tag of tags) tally.set(tag, (tally.get(tag) ?? 0) + 1);
  };

  // Counting keys by pipeline, version and model: a comparison's slots repeat a few of them, so each is built once.
  const rowKeys = new Map<string, Map<string | null, Map<string | null, string>>>();
  const rowKeyOf = (slot: CountSlot): string => {
    let byVersion = rowKeys.get(slot.pipelineId);
    if (byVersion === undefined) rowKeys.set(slot.pipelineId, (byVersion = new Map()));
    let byModel = byVersion.get(slot.version);
    if (byModel === undefined) byVersion.set(slot.version, (byModel = new Map()));
    let key = byModel.get(slot.model);
    if (key === undefined) byModel.set(slot.model, (key = rowKey(slot, options)));
    return key;
  };
  // The ok set's number and participants by the ok pipelines in slot order: most comparisons repeat an order already
  // seen, which spares sorting their pipelines.
  const okSetsInOrder = new Map<string, { okSetNumber: number; participants: readonly string[] }>();
  const okSetOf = (okPipelines: string[]) => {
    const inOrder = okPipelines.join('\u0000');
    let known = okSetsInOrder.get(inOrder);
    if (known === undefined) {
      const okSet = [...okPipelines].sort().join('\u0000');
      let okSetNumber = numbers.okSets.get(okSet);
      if (okSetNumber === undefined) numbers.okSets.set(okSet, (okSetNumber = numbers.okSets.size));
      let participants = numbers.participants.get(okSet);
      if (participants === undefined)
        numbers.participants.set(okSet, (participants = okPipelines.length < 2 ? [] : [...new Set(okPipelines)]));
      okSetsInOrder.set(inOrder, (known = { okSetNumber, participants }));
    }
    return known;
  };

  const shapeOf = (stored: CountBallot): ComparisonShape => {
    // Slots relabelled with their counting key (pipeline, version when split, model when by model) for everything below.
    const ballot = { slots: stored.slots.map((slot) => ({ ...slot, pipelineId: rowKeyOf(slot) })) };
    // Restricted to one model, a comparison reads as if only that model's answers had been shown: the others neither
    // win nor lose (a pick of one gives nothing), and a tie is shared among that model's answers alone. So within
    // a factorial comparison only pairs of answers by the same model yield outcomes.
    const ok = okSlots(ballot);
    for (const slot of ok) if (slot.model !== null) models.add(slot.model);
    const slots = options.model === null ? ok : ok.filter((slot) => slot.model === options.model);
    const { okSetNumber, participants } = okSetOf(slots.map((slot) => slot.pipelineId));
    const okPipelineNumbers = ballot.slots.map((slot) => {
      if (!slots.includes(slot)) return -1;
      let number = numbers.pipelines.get(slot.pipelineId);
      if (number === undefined) numbers.pipelines.set(slot.pipelineId, (number = numbers.pipelines.size));
      return number;
    });
    for (const slot of slots) {
      // Interned, so every slot of one pipeline holds the same string.
      let name = pipelineNames.get(slot.pipelineId);
      if (name === undefined) pipelineNames.set(slot.pipelineId, (name = slot.pipelineId));
      styles.slotPipeline.push(name);
      pushStyleFeatures(styles.features, slot.features);
    }
    styles.slotStart.push(styles.slotPipeline.length);
    comparisonIds.push(stored.id);
    const category = categoryOf(stored);
    let name = categoryNames.get(category);
    if (name === undefined) categoryNames.set(category, (name = category));
    categories.push(name);
    return {
      id: stored.id,
      number: comparisons++,
      ballot,
      slots,
      participants,
      okSetNumber,
      okPipelineNumbers,
      allOk: slots.length === ballot.slots.length,
      // Matched is judged on the counted answers: within one model, answers with other sampling parameters still
      // differ. Only a count restricted to matched comparisons asks.
      matched: options.matchedOnly && matchedModels({ slots }),
      costed: false,
    };
  };

  return {
    add({ vote, ballot }: VoteWithBallot): void {
      counts.given += 1;
      if (placed.comparisonId !== vote.comparisonId) placed = { comparisonId: vote.comparisonId, next: 0 };
      const position = placed.next++;
      if (vote.afterReveal && !options.includeAfterReveal) {
        counts.afterReveal += 1;
        return;
      }
      if (vote.overCap === true && !options.includeOverCap) {
        counts.overCap += 1;
        return;
      }
      if (ballot === undefined) {
        counts.missingComparison += 1;
        return;
      }
      if (options.category !== null && categoryOf(ballot) !== options.category) {
        counts.otherCategory += 1;
        return;
      }
      if (!options.includeEarly && castEarly(vote, ballot.slots.length)) {
        counts.early += 1;
        return;
      }
      if (ballot.leaks.length > 0 && !options.includeLeaked) {
        counts.leaked += 1;
        return;
      }
      if (shape?.id !== ballot.id) shape = shapeOf(ballot);
      if (options.model !== null && shape.slots.length < 2) {
        counts.otherModel += 1;
        return;
      }
      if (options.matchedOnly && !shape.matched) {
        counts.unmatched += 1;
        return;
      }
      const patternKey = patternKeyOf(vote.choice, shape);
      let outcomes = patterns.get(patternKey);
      if (outcomes === undefined) {
        // Sorted so that online Elo, which applies a vote's outcomes in turn, ignores the slot order.
        outcomes = voteOutcomes(vote.choice, shape.ballot, options.excludeTies, shape.slots).sort(compareOutcomes);
        patterns.set(patternKey, outcomes);
      }
      if (!shape.costed) {
        shape.costed = true;
        for (const slot of shape.slots)
          costs.answer(slot.pipelineId, slot.totals?.costUsd ?? null, slot.totals?.latencyMs ?? null);
      }
      if (outcomes.length === 0) counts.withoutOutcomes += 1;
      else {
        counts.rated += 1;
        const picked = vote.choice.kind === 'pick' ? shape.ballot.slots[vote.choice.slot] : undefined;
        for (const slot of shape.slots) costs.shown(slot.pipelineId, slot.totals?.costUsd ?? null, slot === picked);
      }
      if (vote.tags !== undefined && vote.choice.kind === 'pick') {
        const picked = shape.ballot.slots[vote.choice.slot];
        if (picked !== undefined && shape.slots.includes(picked)) tallyTags(picked.pipelineId, vote.tags);
      }
      let voter = voters.get(vote.voterHash);
      if (voter === undefined) voters.set(vote.voterHash, (voter = voters.size));
      const key = choiceKey(vote.choice);
      let choice = choices.get(key);
      if (choice === undefined) choices.set(key, (choice = vote.choice));
      counted.push({
        comparison: shape.number,
        voter,
        position,
        castAtMs: 'castAtMs' in vote ? vote.castAtMs : Date.parse(vote.castAt),
        choice,
        slotCount: ballot.slots.length,
        allOk: shape.allOk,
        participants: shape.participants,
        outcomes,
      });
    },
    result(): CountedVotes {
      const names = rowNames(pipelineNames.keys());
      const labels = new Map([...names].map(([key, name]) => [key, name.label]));
      relabel(counted, styles, labels);
      return {
        counted,
        counts,
        styles,
        reasonTags: new Map([...reasonTags].map(([key, tally]) => [labels.get(key) ?? key, tally])),
        costs: costs.result((key) => labels.get(key) ?? key),
        rows: new Map([...names.values()].map((name) => [name.label, name])),
        models: [...models].sort(),
        comparisonIds,
        categories,
      };
    },
  };
}

/** The comparison's prompt category; one from before categories counts as `other`. */
export const categoryOf = (ballot: CountBallot): string => ballot.category?.id ?? FALLBACK_CATEGORY;

/**
 * Cast while the answers were being written, before the one it picks was in (🤝 and 👎: before all were): such a
 * vote may reward speed, not quality, so by default it does not count. Votes without the record were cast on
 * finished comparisons.
 */
export function castEarly(vote: Pick<VoteRecord, 'choice' | 'completeSlots'>, slotCount: number): boolean {
  const complete = vote.completeSlots;
  if (complete === undefined) return false;
  return vote.choice.kind === 'pick' ? !complete.includes(vote.choice.slot) : new Set(complete).size < slotCount;
}

/** Counting keys become shown names; lists shared before stay shared after, so votes still group by them. */
function relabel(counted: CountedVote[], styles: ComparisonStyles, labels: Map<string, string>): void {
  if ([...labels].every(([key, label]) => key === label)) return;
  const name = (key: string) => labels.get(key) ?? key;
  const outcomeLists = new Map<readonly PairOutcome[], PairOutcome[]>();
  const participantLists = new Map<readonly string[], string[]>();
  for (const entry of counted) {
    let outcomes = outcomeLists.get(entry.outcomes);
    if (outcomes === undefined) {
      outcomes = entry.outcomes
        .map((outcome) => ({ ...outcome, first: name(outcome.first), second: name(outcome.second) }))
        .sort(compareOutcomes);
      outcomeLists.set(entry.outcomes, outcomes);
    }
    let participants = participantLists.get(entry.participants);
    if (participants === undefined)
      participantLists.set(entry.participants, (participants = entry.participants.map(name)));
    entry.outcomes = outcomes;
    entry.participants = participants;
  }
  styles.slotPipeline = styles.slotPipeline.map(name);
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
