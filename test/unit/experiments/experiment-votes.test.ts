// Which votes an experiment's test reads: blind votes on comparisons of the primary pair, in the arms' terms, and
// none cast after the end, after a reveal, or by a user who asked to be forgotten since.
import { describe, expect, it } from 'vitest';
import { primaryComparisons } from '../../../src/ratings/experiment-votes.ts';
import type { Ballot } from '../../../src/records/comparisons/stored-records.ts';
import type { ExperimentPlan } from '../../../src/records/experiments/experiment-plan.ts';
import type { VoteRecord } from '../../../src/records/votes/vote.ts';
import { aBallot, aVote } from '../../fixtures/vote-builders.ts';

const plan: ExperimentPlan = {
  name: 'style',
  hypothesis: 'Formatting wins votes',
  arms: ['cot', 'cot|plain-text', 'plain'],
  primary: { a: 'cot', b: 'cot|plain-text' },
  category: null,
  minimumEffect: 0.1,
  alpha: 0.05,
  power: 0.8,
  voteCap: null,
};

// c1 shows plain-text cot in A and cot in B; c2 shows the secondary pair; c3 has a failed slot.
const comparisons = [
  { comparisonId: 'c1', arms: [1, 0] },
  { comparisonId: 'c2', arms: [0, 2] },
  { comparisonId: 'c3', arms: [0, 1] },
];
const ballots = new Map<string, Ballot>([
  ['c1', aBallot({ id: 'c1', pipelines: ['cot', 'cot'] })],
  ['c2', aBallot({ id: 'c2', pipelines: ['cot', 'plain'] })],
  ['c3', aBallot({ id: 'c3', pipelines: ['cot', 'cot'], statuses: ['ok', 'error'] })],
]);
const at = (minute: number) => `2026-11-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const vote = (id: string, voter: string, choice: VoteRecord['choice'], minute = 1, afterReveal = false) =>
  aVote(id, choice, { voterHash: voter, castAt: at(minute), afterReveal });

describe('primary comparisons', () => {
  const votes = new Map<string, VoteRecord[]>([
    [
      'c1',
      [
        vote('c1', 'v1', { kind: 'pick', slot: 1 }), // cot: a
        vote('c1', 'v2', { kind: 'pick', slot: 0 }), // plain-text: b
        vote('c1', 'v3', { kind: 'tie' }),
        vote('c1', 'v4', { kind: 'all-bad' }),
        vote('c1', 'v5', { kind: 'pick', slot: 1 }, 1, true), // after a reveal: not blind
        vote('c1', 'v6', { kind: 'pick', slot: 1 }, 30), // after the end
        vote('c1', 'v7', { kind: 'pick', slot: 1 }, 2), // forgotten at minute 5
      ],
    ],
    ['c2', [vote('c2', 'v1', { kind: 'pick', slot: 0 })]],
    ['c3', [vote('c3', 'v1', { kind: 'pick', slot: 0 })]],
  ]);

  it('maps blind votes on the primary pair to arms, ties and "all bad" as ties', () => {
    const found = primaryComparisons(
      { plan, comparisons, endedAt: at(20) },
      ballots,
      votes,
      new Map([['v7', new Date(at(5))]]),
    );
    expect(found.map((comparison) => [comparison.comparisonId, comparison.votes])).toEqual([
      ['c1', ['a', 'b', 'tie', 'tie']],
    ]);
    expect(found[0]?.used.map((used) => used.voterHash)).toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('counts only the plan category where comparisons carry one', () => {
    const filed = new Map(
      [...ballots].map(([id, ballot]): [string, Ballot] => [
        id,
        { ...ballot, category: { id: 'maths', source: 'judge' } },
      ]),
    );
    const inCategory = { plan: { ...plan, category: 'maths' }, comparisons, endedAt: null };
    expect(primaryComparisons(inCategory, filed, votes, new Map())).toHaveLength(1);
    expect(
      primaryComparisons({ ...inCategory, plan: { ...plan, category: 'poetry' } }, filed, votes, new Map()),
    ).toEqual([]);
  });
});
