// The rule that repairs a voter's reactions from Discord, which lists who reacted but not in which order.
import { describe, expect, it } from 'vitest';
import { reconcileReactions } from '../../src/votes/reconcile-reactions.js';
import { liveVoteOf } from '../../src/votes/reaction-list.js';
import type { VoteChoice } from '../../src/votes/vote.js';
import type { ActiveReaction } from '../../src/votes/vote-schema.js';

const A: VoteChoice = { kind: 'pick', slot: 0 };
const B: VoteChoice = { kind: 'pick', slot: 1 };
const C: VoteChoice = { kind: 'pick', slot: 2 };
const TIE: VoteChoice = { kind: 'tie' };
const BAD: VoteChoice = { kind: 'all-bad' };
const FOUND = { at: '2026-11-30T12:00:00.000Z', afterReveal: false };
const known = (choice: VoteChoice, at = '2026-11-30T10:00:00.000Z'): ActiveReaction => ({ choice, at, afterReveal: false });
const live = (reactions: ActiveReaction[]) => liveVoteOf({ comparisonId: 'c', voterHash: 'v', guildId: null, reactions })?.choice ?? null;

describe('reconciling a voter with Discord', () => {
  it('changes nothing when the store already matches', () => {
    const stored = [known(B), known(A)];
    expect(reconcileReactions(stored, [A, B], FOUND)).toEqual({ reactions: stored, repairs: 0 });
  });

  it('keeps the vote the bot saw last when Discord shows extra reactions it never saw', () => {
    const { reactions, repairs } = reconcileReactions([known(C)], [A, C, TIE], FOUND);
    expect(live(reactions)).toEqual(C);
    expect(reactions.map((reaction) => reaction.choice)).toEqual([A, TIE, C]);
    expect(repairs).toBe(2);
  });

  it('gives a voter the bot never saw the last of their reactions in ballot order', () => {
    expect(live(reconcileReactions([], [TIE, B, A], FOUND).reactions)).toEqual(TIE);
    expect(live(reconcileReactions([], [BAD, A], FOUND).reactions)).toEqual(BAD);
    expect(live(reconcileReactions([], [C, A], FOUND).reactions)).toEqual(C);
  });

  it('withdraws reactions Discord no longer shows, falling back to an older one still there', () => {
    const { reactions, repairs } = reconcileReactions([known(A), known(B)], [A], FOUND);
    expect(live(reactions)).toEqual(A);
    expect(repairs).toBe(1);
    expect(reconcileReactions([known(A)], [], FOUND)).toEqual({ reactions: [], repairs: 1 });
  });

  it('dates reactions found only on Discord at the reconciliation', () => {
    expect(reconcileReactions([], [A], FOUND).reactions).toEqual([{ choice: A, ...FOUND }]);
  });
});
