// A segment of count records, stored and read back, gives a count what the records themselves give: the prompt
// category, leaks, slots (with and without features or prices) and votes with tags, caps and early-vote slots.
import { describe, expect, it } from 'vitest';
import { ballotOf } from '../../src/records/comparisons/ballot-of.ts';
import { countRecordOf, readCountRecord } from '../../src/records/counting/count-record.ts';
import { CountSegmentSchema, decodeSegment, encodeSegment } from '../../src/records/counting/count-segment.ts';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { aResult, aStoredComparison } from '../fakes/stored-comparison.ts';

function ballot(id: string, withCategory: boolean) {
  const record = aStoredComparison({ id, pipelines: ['plain', 'cot', 'rules'], status: 'done' });
  record.slots = record.slots.map((slot) => ({ ...slot, result: aResult(slot.pipelineId) }));
  if (withCategory) record.category = { id: 'maths', source: 'judge' };
  const made = ballotOf(record);
  made.slots[2] = { ...made.slots[2]!, features: null, totals: { ...made.slots[2]!.totals!, costUsd: null } };
  return made;
}

const vote = (comparisonId: string, voterHash: string, extra: Partial<VoteRecord>): VoteRecord => ({
  comparisonId,
  voterHash,
  choice: { kind: 'pick', slot: 1 },
  castAt: '2026-11-10T10:00:00.000Z',
  afterReveal: false,
  guildId: 'guild-1',
  ...extra,
});

describe('count segments', () => {
  it('read back every count record as counting reads the record itself', () => {
    const records = [
      {
        id: 'aa',
        stored: countRecordOf(ballot('aa', true), [
          vote('aa', 'v1', { tags: ['clearer', 'shorter'], overCap: true }),
          vote('aa', 'v2', { choice: { kind: 'tie' }, completeSlots: [0, 2], afterReveal: true }),
        ]),
      },
      {
        id: 'ab',
        stored: {
          ...countRecordOf(ballot('ab', false), [vote('ab', 'v1', { choice: { kind: 'all-bad' } })]),
          leaked: true,
        },
      },
    ];
    const stored = CountSegmentSchema.parse(JSON.parse(JSON.stringify(encodeSegment('mark-1', records))));
    // The segment keeps what counting reads of a vote; `source` says only how it was cast.
    const expected = records.map(({ id, stored: record }) => {
      const { votes, ...rest } = readCountRecord(id, record);
      return { ...rest, votes: votes.map(({ source: _source, ...kept }) => kept) };
    });
    expect([...decodeSegment(stored)]).toEqual(expected);
  });

  it('refuses a segment whose columns do not fit together', () => {
    const segment = encodeSegment('mark-1', [{ id: 'aa', stored: countRecordOf(ballot('aa', true), []) }]);
    expect(() => decodeSegment({ ...segment, strings: [] })).toThrow(/do not fit/);
    expect(() => decodeSegment({ ...segment, slots: segment.slots.slice(1) })).toThrow(/do not fit/);
  });
});
