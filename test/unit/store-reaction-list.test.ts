import { describe, expect, it } from 'vitest';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import { liveVoteOf, withReaction, withoutReaction } from '../../src/records/votes/reaction-list.ts';
import type { ActiveReaction } from '../../src/records/votes/vote-schema.ts';

const pick = (slot: number): VoteChoice => ({ kind: 'pick', slot });
const at = (choice: VoteChoice, minute: number): ActiveReaction => ({
  choice,
  at: `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
  afterReveal: false,
});

describe('a voter’s reactions', () => {
  it('moves a reaction added again to the end, so it becomes the vote once more', () => {
    const reactions = withReaction([at(pick(0), 1), at(pick(1), 2)], at(pick(0), 3));
    expect(reactions.map((reaction) => reaction.choice)).toEqual([pick(1), pick(0)]);
  });

  it('tells a pick of slot A from a pick of slot B, and a tie from all-bad', () => {
    const reactions = [at(pick(0), 1), at(pick(1), 2), at({ kind: 'tie' }, 3), at({ kind: 'all-bad' }, 4)];
    expect(withoutReaction(reactions, pick(1)).map((reaction) => reaction.choice)).toEqual([
      pick(0),
      { kind: 'tie' },
      { kind: 'all-bad' },
    ]);
    expect(withoutReaction(reactions, { kind: 'tie' })).toHaveLength(3);
  });

  it('takes the last reaction as the live vote, cast when that reaction was added', () => {
    const entry = { comparisonId: 'c1', voterHash: 'v1', guildId: null, reactions: [at(pick(0), 1), at(pick(2), 5)] };
    expect(liveVoteOf(entry)).toEqual({
      comparisonId: 'c1',
      voterHash: 'v1',
      choice: pick(2),
      castAt: '2026-11-02T10:05:00.000Z',
      afterReveal: false,
      guildId: null,
    });
    expect(liveVoteOf({ ...entry, reactions: [] })).toBeNull();
  });
});
