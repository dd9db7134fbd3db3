// The rule that repairs a voter's reactions from Discord, which lists who reacted but not in which order.
import { describe, expect, it } from 'vitest';
import { reconcileReactions } from '../../src/records/votes/reconcile-reactions.ts';
import { liveVoteOf } from '../../src/records/votes/reaction-list.ts';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import type { ActiveReaction } from '../../src/records/votes/vote-schema.ts';

const A: VoteChoice = { kind: 'pick', slot: 0 };
const B: VoteChoice = { kind: 'pick', slot: 1 };
const C: VoteChoice = { kind: 'pick', slot: 2 };
const TIE: VoteChoice = { kind: 'tie' };
const BAD: VoteChoice = { kind: 'all-bad' };
// The bot stored reactions before a restart (10:00), started listening again at 11:00 and reconciles at 12:00.
const RESTART = new Date('2026-11-30T11:00:00.000Z');
const FOUND = { at: '2026-11-30T12:00:00.000Z', afterReveal: false };
const known = (choice: VoteChoice, at = '2026-11-30T10:00:00.000Z'): ActiveReaction => ({
  choice,
  at,
  afterReveal: false,
});
const seenSinceRestart = (choice: VoteChoice) => known(choice, '2026-11-30T11:30:00.000Z');
const live = (reactions: ActiveReaction[]) =>
  liveVoteOf({ comparisonId: 'c', voterHash: 'v', guildId: null, reactions })?.choice ?? null;

describe('reconciling a voter with Discord', () => {
  it('keeps a vote cast with a button, which Discord shows no reaction for', () => {
    const button: ActiveReaction = { ...known(B), source: 'button' };
    expect(reconcileReactions([button], [], FOUND, RESTART)).toEqual({ reactions: [button], repairs: 0 });
  });

  it('changes nothing when the store already matches', () => {
    const stored = [known(B), known(A)];
    expect(reconcileReactions(stored, [A, B], FOUND, RESTART)).toEqual({ reactions: stored, repairs: 0 });
  });

  it('counts a reaction added while the bot was away over the vote it stored before (🇦 then 🇧 counts 🇧)', () => {
    const { reactions, repairs } = reconcileReactions([known(A)], [A, B], FOUND, RESTART);
    expect(reactions.map((reaction) => reaction.choice)).toEqual([A, B]);
    expect(live(reactions)).toEqual(B);
    expect(repairs).toBe(1);
  });

  it('keeps a reaction received live since the restart as the vote, over reactions found only on Discord', () => {
    const { reactions, repairs } = reconcileReactions([known(C), seenSinceRestart(A)], [A, B, C, TIE], FOUND, RESTART);
    expect(reactions.map((reaction) => reaction.choice)).toEqual([C, B, TIE, A]);
    expect(live(reactions)).toEqual(A);
    expect(repairs).toBe(2);
  });

  it('leaves a repaired order as it is at every later restart, so the newer choice stays the vote', () => {
    const repaired = reconcileReactions([known(A)], [A, B], FOUND, RESTART).reactions;
    const later = reconcileReactions(
      repaired,
      [A, B],
      { ...FOUND, at: '2026-12-01T12:00:00.000Z' },
      new Date('2026-12-01T11:00:00.000Z'),
    );
    expect(later).toEqual({ reactions: repaired, repairs: 0 });
    expect(live(later.reactions)).toEqual(B);
  });

  it('gives a voter the bot never saw the last of their reactions in ballot order', () => {
    expect(live(reconcileReactions([], [TIE, B, A], FOUND, RESTART).reactions)).toEqual(TIE);
    expect(live(reconcileReactions([], [BAD, A], FOUND, RESTART).reactions)).toEqual(BAD);
    expect(live(reconcileReactions([], [C, A], FOUND, RESTART).reactions)).toEqual(C);
  });

  it('withdraws reactions Discord no longer shows, falling back to an older one still there', () => {
    const { reactions, repairs } = reconcileReactions([known(A), known(B)], [A], FOUND, RESTART);
    expect(live(reactions)).toEqual(A);
    expect(repairs).toBe(1);
    expect(reconcileReactions([known(A)], [], FOUND, RESTART)).toEqual({ reactions: [], repairs: 1 });
  });

  it('dates reactions found only on Discord at the reconciliation', () => {
    expect(reconcileReactions([], [A], FOUND, RESTART).reactions).toEqual([{ choice: A, ...FOUND }]);
  });
});
