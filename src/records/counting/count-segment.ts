// Many count records in one stored value, as columns: what a full count reads instead of one value per comparison.
// Repeated strings (pipelines, versions, models, servers, voters, tags) are stored once per segment, and the numbers
// in flat lists, so a segment of a thousand comparisons is one small text with no object per record; its columns are
// checked with one loop each (not a schema per element), and the decoder checks that they fit together. A field added to the count record needs its column here (and SEGMENT_VERSION raised, so
// older segments are rebuilt from the records).
import { z } from 'zod';
import { SamplingParamsSchema, type SamplingParams } from '../../engine/trace.ts';
import { SLOT_STATUSES } from '../comparisons/stored-records.ts';
import type { VoteChoice } from '../votes/vote.ts';
import type { CountRecord, CountSlot, CountVote, StoredCountRecord } from './count-record.ts';

export const SEGMENT_VERSION = 2;

/** Numbers per comparison: server (string, −1 none), leaked (0/1), slots, votes, prompt category (string, −1 none). */
const COMPARISON_STRIDE = 5;
/** Numbers per slot: pipeline, version, status, model, parameters, tokens, headers, list items, bold spans, latency
 * (−1: no totals), cost in USD (−1: a price unknown). */
const SLOT_STRIDE = 11;
/** Numbers per vote: voter, choice (slot, −1 tie, −2 all bad), after reveal, over cap (0 absent, 1 no, 2 yes),
 * server, tags (list, −1 none), complete slots (list, −1 none). */
const VOTE_STRIDE = 7;
const TIE = -1;
const ALL_BAD = -2;

const numbers = z.custom<number[]>(
  (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'number'),
  'Expected a list of numbers',
);

export const CountSegmentSchema = z.object({
  v: z.literal(SEGMENT_VERSION),
  /** The segment's change mark read before its records were: current while the mark is unchanged. */
  mark: z.string(),
  ids: z.array(z.string()),
  strings: z.array(z.string()),
  params: z.array(SamplingParamsSchema),
  /** COMPARISON_STRIDE numbers per comparison. */
  comparisons: numbers,
  /** SLOT_STRIDE numbers per slot. */
  slots: numbers,
  /** VOTE_STRIDE numbers per vote. */
  votes: numbers,
  /** When each vote was cast, in ms since 1970. */
  castAt: numbers,
  /** Tag lists (string numbers) and complete-slot lists (slot numbers) that votes refer to. */
  lists: z.array(z.array(z.int())),
});
export type CountSegment = z.infer<typeof CountSegmentSchema>;

/** Count records (key order) in one segment, stamped with the change mark read before they were. */
export function encodeSegment(
  mark: string,
  records: ReadonlyArray<{ id: string; stored: StoredCountRecord }>,
): CountSegment {
  const strings: string[] = [];
  const stringNumbers = new Map<string, number>();
  const string = (value: string | null | undefined) => {
    if (value === null || value === undefined) return -1;
    let number = stringNumbers.get(value);
    if (number === undefined) stringNumbers.set(value, (number = strings.push(value) - 1));
    return number;
  };
  const params: SamplingParams[] = [];
  const paramNumbers = new Map<string, number>();
  const paramsNumber = (value: SamplingParams | null) => {
    if (value === null) return -1;
    const key = JSON.stringify(value);
    let number = paramNumbers.get(key);
    if (number === undefined) paramNumbers.set(key, (number = params.push(value) - 1));
    return number;
  };
  const lists: number[][] = [];
  const list = (values: readonly number[] | undefined) => (values === undefined ? -1 : lists.push([...values]) - 1);
  const comparisons: number[] = [];
  const slots: number[] = [];
  const votes: number[] = [];
  const castAt: number[] = [];
  for (const { stored } of records) {
    const { v: _version, guildId, leaked, slots: storedSlots, votes: storedVotes, category, ...unstored } = stored;
    // A field added to the count record stops this compiling until it has a column here.
    const none: Record<string, never> = unstored;
    if (Object.keys(none).length > 0) throw new Error(`no column for ${Object.keys(none).join(', ')}`);
    comparisons.push(string(guildId), leaked ? 1 : 0, storedSlots.length, storedVotes.length, string(category));
    for (const [pipelineId, version, status, model, slotParams, features, totals] of storedSlots)
      slots.push(
        string(pipelineId),
        string(version),
        SLOT_STATUSES.indexOf(status),
        string(model),
        paramsNumber(slotParams),
        ...(features ?? [-1, -1, -1, -1]),
        totals === null ? -1 : totals[1],
        totals?.[0] ?? -1,
      );
    for (const vote of storedVotes) {
      const choice = vote.choice.kind === 'pick' ? vote.choice.slot : vote.choice.kind === 'tie' ? TIE : ALL_BAD;
      votes.push(
        string(vote.voterHash),
        choice,
        vote.afterReveal ? 1 : 0,
        vote.overCap === undefined ? 0 : vote.overCap ? 2 : 1,
        string(vote.guildId),
        vote.tags === undefined ? -1 : list(vote.tags.map(string)),
        list(vote.completeSlots),
      );
      castAt.push(Date.parse(vote.castAt));
    }
  }
  return {
    v: SEGMENT_VERSION,
    mark,
    ids: records.map(({ id }) => id),
    strings,
    params,
    comparisons,
    slots,
    votes,
    castAt,
    lists,
  };
}

/** Whether every number in `values` at offsets `offset`, `offset + stride`, … passes `test`. */
function every(values: readonly number[], stride: number, offset: number, test: (value: number) => boolean) {
  for (let index = offset; index < values.length; index += stride) if (!test(values[index]!)) return false;
  return true;
}

/** An integer in [low, high). */
const within = (low: number, high: number) => (value: number) =>
  Number.isInteger(value) && value >= low && value < high;

/**
 * The segment's records, as counting reads them, one at a time (each is garbage as soon as it is counted). Every
 * column is checked against the others first, so it throws here, before the first record, when they do not fit.
 */
export function decodeSegment(segment: CountSegment): Generator<CountRecord> {
  const { strings, params, lists, comparisons, slots, votes, castAt } = segment;
  let slotRows = 0;
  let voteRows = 0;
  for (let base = 0; base < comparisons.length; base += COMPARISON_STRIDE) {
    slotRows += comparisons[base + 2]!;
    voteRows += comparisons[base + 3]!;
  }
  const string = within(0, strings.length);
  const optionalString = within(-1, strings.length);
  const count = within(0, Infinity);
  const list = within(-1, lists.length);
  const tagsFit = every(votes, VOTE_STRIDE, 5, (tags) => tags === -1 || lists[tags]!.every(string));
  const fits =
    comparisons.length === segment.ids.length * COMPARISON_STRIDE &&
    slotRows * SLOT_STRIDE === slots.length &&
    voteRows * VOTE_STRIDE === votes.length &&
    voteRows === castAt.length &&
    every(comparisons, COMPARISON_STRIDE, 0, optionalString) &&
    every(comparisons, COMPARISON_STRIDE, 1, within(0, 2)) &&
    every(comparisons, COMPARISON_STRIDE, 2, count) &&
    every(comparisons, COMPARISON_STRIDE, 3, count) &&
    every(comparisons, COMPARISON_STRIDE, 4, optionalString) &&
    every(slots, SLOT_STRIDE, 0, string) &&
    every(slots, SLOT_STRIDE, 1, optionalString) &&
    every(slots, SLOT_STRIDE, 2, within(0, SLOT_STATUSES.length)) &&
    every(slots, SLOT_STRIDE, 3, optionalString) &&
    every(slots, SLOT_STRIDE, 4, within(-1, params.length)) &&
    [5, 6, 7, 8].every((feature) => every(slots, SLOT_STRIDE, feature, within(-1, Infinity))) &&
    every(slots, SLOT_STRIDE, 9, (latency) => latency >= -1 && latency < Infinity) &&
    every(slots, SLOT_STRIDE, 10, (cost) => cost >= -1 && cost < Infinity) &&
    every(votes, VOTE_STRIDE, 0, string) &&
    every(votes, VOTE_STRIDE, 1, within(ALL_BAD, Infinity)) &&
    every(votes, VOTE_STRIDE, 2, within(0, 2)) &&
    every(votes, VOTE_STRIDE, 3, within(0, 3)) &&
    every(votes, VOTE_STRIDE, 4, optionalString) &&
    every(votes, VOTE_STRIDE, 5, list) &&
    every(votes, VOTE_STRIDE, 6, list) &&
    every(castAt, 1, 0, (time) => Math.abs(time) <= 8.64e15) &&
    lists.every((entries) => entries.every(count)) &&
    tagsFit;
  if (!fits) throw new Error('the columns of the segment do not fit together');
  return records(segment);
}

// Counting asks only whether a comparison has leaks (as count-record.ts reads it back).
const LEAKED = [{ leaked: true }];
const TIE_CHOICE: VoteChoice = { kind: 'tie' };
const ALL_BAD_CHOICE: VoteChoice = { kind: 'all-bad' };

function* records({
  ids,
  strings,
  params,
  lists,
  comparisons,
  slots,
  votes,
  castAt,
}: CountSegment): Generator<CountRecord> {
  const optionalString = (index: number) => (index === -1 ? null : strings[index]!);
  const picks: VoteChoice[] = [];
  const choiceOf = (code: number): VoteChoice =>
    code === TIE ? TIE_CHOICE : code === ALL_BAD ? ALL_BAD_CHOICE : (picks[code] ??= { kind: 'pick', slot: code });
  let slot = 0;
  let vote = 0;
  for (let index = 0; index < ids.length; index += 1) {
    const id = ids[index]!;
    const base = index * COMPARISON_STRIDE;
    const slotEnd = slot + comparisons[base + 2]!;
    const voteEnd = vote + comparisons[base + 3]!;
    const countSlots: CountSlot[] = [];
    for (; slot < slotEnd; slot += 1) {
      const s = slot * SLOT_STRIDE;
      const latency = slots[s + 9]!;
      const cost = slots[s + 10]!;
      countSlots.push({
        pipelineId: strings[slots[s]!]!,
        version: optionalString(slots[s + 1]!),
        status: SLOT_STATUSES[slots[s + 2]!]!,
        model: optionalString(slots[s + 3]!),
        params: slots[s + 4] === -1 ? null : params[slots[s + 4]!]!,
        features:
          slots[s + 5] === -1
            ? null
            : { tokens: slots[s + 5]!, headers: slots[s + 6]!, listItems: slots[s + 7]!, boldSpans: slots[s + 8]! },
        totals: latency === -1 ? null : { costUsd: cost === -1 ? null : cost, latencyMs: latency },
      });
    }
    const countVotes: CountVote[] = [];
    for (; vote < voteEnd; vote += 1) {
      const v = vote * VOTE_STRIDE;
      const record: CountVote = {
        comparisonId: id,
        voterHash: strings[votes[v]!]!,
        choice: choiceOf(votes[v + 1]!),
        castAtMs: castAt[vote]!,
        afterReveal: votes[v + 2] === 1,
        guildId: optionalString(votes[v + 4]!),
      };
      if (votes[v + 3] !== 0) record.overCap = votes[v + 3] === 2;
      if (votes[v + 5] !== -1) record.tags = lists[votes[v + 5]!]!.map((tag) => strings[tag]!);
      if (votes[v + 6] !== -1) record.completeSlots = lists[votes[v + 6]!]!;
      countVotes.push(record);
    }
    yield {
      id,
      guildId: optionalString(comparisons[base]!),
      leaks: comparisons[base + 1] === 1 ? LEAKED : [],
      category: comparisons[base + 4] === -1 ? undefined : { id: strings[comparisons[base + 4]!]! },
      slots: countSlots,
      votes: countVotes,
    };
  }
}
