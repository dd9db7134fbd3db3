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

/** An integer in [low, high). */
const within = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value < high;

/** Whether the columns fit together: one loop per table, every field of a row checked in it. */
function columnsFit(segment: CountSegment, slotRows: number, voteRows: number): boolean {
  const { ids, strings, params, lists, comparisons, slots, votes, castAt } = segment;
  const texts = strings.length;
  if (
    comparisons.length !== ids.length * COMPARISON_STRIDE ||
    slotRows * SLOT_STRIDE !== slots.length ||
    voteRows * VOTE_STRIDE !== votes.length ||
    voteRows !== castAt.length
  )
    return false;
  for (let c = 0; c < comparisons.length; c += COMPARISON_STRIDE)
    if (
      !within(comparisons[c]!, -1, texts) ||
      !within(comparisons[c + 1]!, 0, 2) ||
      !within(comparisons[c + 2]!, 0, Infinity) ||
      !within(comparisons[c + 3]!, 0, Infinity) ||
      !within(comparisons[c + 4]!, -1, texts)
    )
      return false;
  for (let s = 0; s < slots.length; s += SLOT_STRIDE) {
    const latency = slots[s + 9]!;
    const cost = slots[s + 10]!;
    if (
      !within(slots[s]!, 0, texts) ||
      !within(slots[s + 1]!, -1, texts) ||
      !within(slots[s + 2]!, 0, SLOT_STATUSES.length) ||
      !within(slots[s + 3]!, -1, texts) ||
      !within(slots[s + 4]!, -1, params.length) ||
      !within(slots[s + 5]!, -1, Infinity) ||
      !within(slots[s + 6]!, -1, Infinity) ||
      !within(slots[s + 7]!, -1, Infinity) ||
      !within(slots[s + 8]!, -1, Infinity) ||
      !(latency >= -1 && latency < Infinity) ||
      !(cost >= -1 && cost < Infinity)
    )
      return false;
  }
  for (const time of castAt) if (!(Math.abs(time) <= 8.64e15)) return false;
  if (!lists.every((entries) => entries.every((entry) => within(entry, 0, Infinity)))) return false;
  for (let v = 0; v < votes.length; v += VOTE_STRIDE) {
    const tags = votes[v + 5]!;
    if (
      !within(votes[v]!, 0, texts) ||
      !within(votes[v + 1]!, ALL_BAD, Infinity) ||
      !within(votes[v + 2]!, 0, 2) ||
      !within(votes[v + 3]!, 0, 3) ||
      !within(votes[v + 4]!, -1, texts) ||
      !within(tags, -1, lists.length) ||
      !within(votes[v + 6]!, -1, lists.length) ||
      (tags !== -1 && !lists[tags]!.every((tag) => tag < texts))
    )
      return false;
  }
  return true;
}

/**
 * The segment's records, as counting reads them, one at a time (each is garbage as soon as it is counted). Every
 * column is checked against the others first, so it throws here, before the first record, when they do not fit.
 */
export function decodeSegment(segment: CountSegment): Generator<CountRecord> {
  const { comparisons } = segment;
  let slotRows = 0;
  let voteRows = 0;
  for (let base = 0; base < comparisons.length; base += COMPARISON_STRIDE) {
    slotRows += comparisons[base + 2]!;
    voteRows += comparisons[base + 3]!;
  }
  const fits = columnsFit(segment, slotRows, voteRows);
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
