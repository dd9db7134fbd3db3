// The vote ledger's rules, checked on SQLite, Redis and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashVoter } from '../../src/records/votes/hash-voter.ts';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import { createForgottenUsers } from '../../src/records/votes/forgotten-users.ts';
import { createVoteLedger, type ReactionChange, type ReactionEvent } from '../../src/records/votes/vote-ledger.ts';
import { STORE_BACKENDS, useStoreFixture } from '../fakes/store-backends.ts';

const A: VoteChoice = { kind: 'pick', slot: 0 };
const B: VoteChoice = { kind: 'pick', slot: 1 };
const TIE: VoteChoice = { kind: 'tie' };
const ALL_BAD: VoteChoice = { kind: 'all-bad' };

const voter = (name: string) => hashVoter(name, 'test-salt');

function reaction(choice: VoteChoice, overrides: Partial<ReactionEvent> = {}): ReactionEvent {
  return {
    comparisonId: 'comparison-1',
    voterHash: voter('ada'),
    choice,
    guildId: 'guild-1',
    afterReveal: false,
    at: new Date('2026-11-02T10:00:00.000Z'),
    ...overrides,
  };
}

describe.each(STORE_BACKENDS)('vote ledger on $name', (backend) => {
  const fixture = useStoreFixture(backend);

  it('takes a reaction as the vote and replaces it when the user reacts with another choice', async () => {
    const ledger = createVoteLedger(await fixture.open());
    expect((await ledger.applyReaction(reaction(A), 'add'))?.choice).toEqual(A);
    expect((await ledger.applyReaction(reaction(B), 'add'))?.choice).toEqual(B);
    const votes = await ledger.votesFor('comparison-1');
    expect(votes.map((vote) => vote.choice)).toEqual([B]);
  });

  it('withdraws the vote when the user removes their only reaction', async () => {
    const ledger = createVoteLedger(await fixture.open());
    await ledger.applyReaction(reaction(A), 'add');
    expect(await ledger.applyReaction(reaction(A), 'remove')).toBeNull();
    expect(await ledger.liveVote('comparison-1', voter('ada'))).toBeNull();
    expect(await ledger.votesFor('comparison-1')).toEqual([]);
  });

  it('falls back to the earlier choice when the newer reaction is removed', async () => {
    const ledger = createVoteLedger(await fixture.open());
    await ledger.applyReaction(reaction(A), 'add');
    await ledger.applyReaction(reaction(B), 'add');
    expect((await ledger.applyReaction(reaction(B), 'remove'))?.choice).toEqual(A);
    expect((await ledger.liveVote('comparison-1', voter('ada')))?.choice).toEqual(A);
    expect(await ledger.applyReaction(reaction(A), 'remove')).toBeNull();
  });

  it('flags votes on comparisons past the daily cap, counting each UTC day and each comparison once', async () => {
    const ledger = createVoteLedger(await fixture.open(), { votesPerDay: () => Promise.resolve(2) });
    const on = (comparisonId: string, at = '2026-11-02T10:00:00.000Z') =>
      reaction(A, { comparisonId, at: new Date(at) });
    expect((await ledger.applyReaction(on('c1'), 'add'))?.overCap).toBeUndefined();
    expect((await ledger.applyReaction({ ...on('c1'), choice: B }, 'add'))?.overCap).toBeUndefined();
    expect((await ledger.applyReaction(on('c2'), 'add'))?.overCap).toBeUndefined();
    expect((await ledger.applyReaction(on('c3'), 'add'))?.overCap).toBe(true);
    expect((await ledger.applyReaction({ ...on('c3'), choice: TIE }, 'add'))?.overCap).toBe(true);
    expect((await ledger.applyReaction(on('c4', '2026-11-03T00:00:01.000Z'), 'add'))?.overCap).toBeUndefined();
    expect(
      (await ledger.applyReaction(reaction(A, { comparisonId: 'c5', voterHash: voter('bo') }), 'add'))?.overCap,
    ).toBeUndefined();
  });

  it('applies each server’s own cap and counts each server’s votes apart, direct messages included', async () => {
    const caps: Record<string, number> = { strict: 1, open: 0 };
    const ledger = createVoteLedger(await fixture.open(), {
      votesPerDay: (guildId) => Promise.resolve(caps[guildId ?? 'dm'] ?? 2),
    });
    const on = (comparisonId: string, guildId: string | null) => reaction(A, { comparisonId, guildId });
    const flags: boolean[] = [];
    for (const [comparisonId, guildId] of [
      ['o1', 'open'],
      ['o2', 'open'],
      ['s1', 'strict'],
      ['s2', 'strict'],
      ['d1', null],
      ['d2', null],
      ['d3', null],
    ] as const) {
      flags.push((await ledger.applyReaction(on(comparisonId, guildId), 'add'))?.overCap ?? false);
    }
    expect(flags).toEqual([false, false, false, true, false, false, true]);
    caps.open = 1; // a cap set during the day counts from then on
    expect((await ledger.applyReaction(on('o3', 'open'), 'add'))?.overCap).toBeUndefined();
    expect((await ledger.applyReaction(on('o4', 'open'), 'add'))?.overCap).toBe(true);
  });

  it('keeps reason tags while the vote stands and drops them when it changes', async () => {
    const ledger = createVoteLedger(await fixture.open());
    expect(await ledger.setTags('comparison-1', voter('ada'), ['clear'])).toBeNull();
    await ledger.applyReaction(reaction(A), 'add');
    expect((await ledger.setTags('comparison-1', voter('ada'), ['helpful', 'clear', 'clear']))?.tags).toEqual([
      'clear',
      'helpful',
    ]);
    expect((await ledger.applyReaction(reaction(B), 'remove'))?.tags).toEqual(['clear', 'helpful']);
    expect((await ledger.applyReaction(reaction(TIE), 'add'))?.tags).toBeUndefined();
  });

  it('keeps the vote when the user removes a reaction they never added', async () => {
    const ledger = createVoteLedger(await fixture.open());
    await ledger.applyReaction(reaction(A), 'add');
    expect((await ledger.applyReaction(reaction(TIE), 'remove'))?.choice).toEqual(A);
  });

  it('keeps one live vote per user however many reactions they add', async () => {
    const ledger = createVoteLedger(await fixture.open());
    for (const choice of [A, TIE, B, ALL_BAD, A]) await ledger.applyReaction(reaction(choice), 'add');
    await ledger.applyReaction(reaction(B, { voterHash: voter('bob') }), 'add');
    const votes = await ledger.allVotes();
    expect(votes).toHaveLength(2);
    expect(votes.find((vote) => vote.voterHash === voter('ada'))?.choice).toEqual(A);
  });

  it('counts every one of 500 voters who react at the same moment', async () => {
    const ledger = createVoteLedger(await fixture.open());
    const voters = Array.from({ length: 500 }, (_, index) => voter(`user-${index}`));
    await Promise.all(
      voters.map((voterHash, index) => ledger.applyReaction(reaction(index % 3 === 0 ? A : B, { voterHash }), 'add')),
    );
    const votes = await ledger.votesFor('comparison-1');
    expect(votes).toHaveLength(500);
    expect(new Set(votes.map((vote) => vote.voterHash))).toEqual(new Set(voters));
  });

  it('applies one user’s rapid reactions in the order they arrived', async () => {
    const ledger = createVoteLedger(await fixture.open());
    const steps: [VoteChoice, ReactionChange][] = [
      [A, 'add'],
      [B, 'add'],
      [B, 'remove'],
      [TIE, 'add'],
      [A, 'remove'],
      [B, 'add'],
      [TIE, 'remove'],
    ];
    const users = ['ada', 'bob', 'cy'].map(voter);
    // Nothing awaited between events: they are all in flight together, as when Discord delivers a burst.
    const results = await Promise.all(
      users.flatMap((voterHash) =>
        steps.map(([choice, change]) => ledger.applyReaction(reaction(choice, { voterHash }), change)),
      ),
    );
    const expectedAfterEach = [A, B, A, TIE, TIE, B, B];
    expect(results.map((vote) => vote?.choice)).toEqual([
      ...expectedAfterEach,
      ...expectedAfterEach,
      ...expectedAfterEach,
    ]);
    for (const voterHash of users) expect((await ledger.liveVote('comparison-1', voterHash))?.choice).toEqual(B);
  });

  it('lists the votes of one comparison without those of comparisons with similar ids', async () => {
    const ledger = createVoteLedger(await fixture.open());
    for (const comparisonId of ['cmp_1', 'cmpX1', 'CMP_1', 'cmp_10', 'cmp']) {
      await ledger.applyReaction(reaction(A, { comparisonId }), 'add');
    }
    const votes = await ledger.votesFor('cmp_1');
    expect(votes.map((vote) => vote.comparisonId)).toEqual(['cmp_1']);
    expect(await ledger.allVotes()).toHaveLength(5);
  });

  it('still has the votes after the bot restarts', async () => {
    const first = await fixture.open();
    await createVoteLedger(first).applyReaction(reaction(B), 'add');
    await createVoteLedger(first).markRevealed('comparison-1', voter('bob'));
    await first.close();
    const ledger = createVoteLedger(await fixture.open());
    expect((await ledger.liveVote('comparison-1', voter('ada')))?.choice).toEqual(B);
    expect(await ledger.hasRevealed('comparison-1', voter('bob'))).toBe(true);
  });

  it('flags a vote cast after the voter revealed the pipelines, and only that vote', async () => {
    const ledger = createVoteLedger(await fixture.open());
    expect((await ledger.applyReaction(reaction(A), 'add'))?.afterReveal).toBe(false);
    await ledger.markRevealed('comparison-1', voter('ada'));
    expect((await ledger.applyReaction(reaction(B), 'add'))?.afterReveal).toBe(true);
    // Withdrawing the informed vote brings back the blind one, still counted as blind.
    expect(await ledger.applyReaction(reaction(B), 'remove')).toMatchObject({ choice: A, afterReveal: false });
    await ledger.applyReaction(reaction(TIE, { voterHash: voter('bob'), afterReveal: true }), 'add');
    expect(await ledger.hasRevealed('comparison-1', voter('cy'))).toBe(false);
    const blind = await ledger.allVotes({ includeAfterReveal: false });
    expect(blind.map((vote) => vote.voterHash)).toEqual([voter('ada')]);
    expect(await ledger.allVotes()).toHaveLength(2);
  });

  it('filters votes by server', async () => {
    const ledger = createVoteLedger(await fixture.open());
    await ledger.applyReaction(reaction(A), 'add');
    await ledger.applyReaction(reaction(A, { voterHash: voter('bob'), guildId: 'guild-2' }), 'add');
    await ledger.applyReaction(reaction(A, { voterHash: voter('cy'), guildId: null }), 'add');
    expect((await ledger.allVotes({ guildId: 'guild-2' })).map((vote) => vote.voterHash)).toEqual([voter('bob')]);
    expect((await ledger.allVotes({ guildId: null })).map((vote) => vote.voterHash)).toEqual([voter('cy')]);
  });

  it('forgets every vote and reveal of one user and says how many votes it deleted', async () => {
    const ledger = createVoteLedger(await fixture.open());
    for (const comparisonId of ['c1', 'c2', 'c3']) await ledger.applyReaction(reaction(A, { comparisonId }), 'add');
    await ledger.markRevealed('c1', voter('ada'));
    await ledger.applyReaction(reaction(B, { comparisonId: 'c1', voterHash: voter('bob') }), 'add');
    expect(await ledger.deleteVoter(voter('ada'))).toBe(3);
    expect((await ledger.allVotes()).map((vote) => vote.voterHash)).toEqual([voter('bob')]);
    expect(await ledger.hasRevealed('c1', voter('ada'))).toBe(false);
    expect(await ledger.deleteVoter(voter('ada'))).toBe(0);
  });

  it('keeps what a /forget-me tombstone covers forgotten, and counts what the voter does afterwards', async () => {
    const store = await fixture.open();
    const ledger = createVoteLedger(store);
    await createForgottenUsers(store).forget(voter('ada'), new Date('2026-11-02T12:00:00.000Z'));
    // A journaled event from before the tombstone, then a live one after it.
    expect(await ledger.applyReaction(reaction(A, { at: new Date('2026-11-02T11:00:00.000Z') }), 'add')).toBeNull();
    expect(
      (await ledger.applyReaction(reaction(B, { at: new Date('2026-11-02T13:00:00.000Z') }), 'add'))?.choice,
    ).toEqual(B);
    // Discord shows A and B on a comparison older than the tombstone: only B, seen live, counts.
    const older = { guildId: 'guild-1', createdAt: '2026-11-01T00:00:00.000Z' };
    const listeningSince = new Date('2026-11-02T10:00:00.000Z');
    expect(await ledger.reconcile('comparison-1', voter('ada'), older, [A, B], listeningSince)).toBe(0);
    expect(await ledger.reconcile('comparison-2', voter('ada'), older, [TIE], listeningSince)).toBe(0);
    expect(
      await ledger.reconcile(
        'comparison-3',
        voter('ada'),
        { guildId: 'guild-1', createdAt: '2026-11-02T14:00:00.000Z' },
        [TIE],
        listeningSince,
      ),
    ).toBe(1);
    expect((await ledger.allVotes()).map((vote) => [vote.comparisonId, vote.choice])).toEqual([
      ['comparison-1', B],
      ['comparison-3', TIE],
    ]);
  });

  it('names the key when a stored vote is malformed', async () => {
    const store = await fixture.open();
    const ledger = createVoteLedger(store);
    await ledger.applyReaction(reaction(A), 'add');
    const key = `comparison-1:${voter('ada')}`;
    const votes = store.namespace('votes', z.unknown());
    await votes.keyv.set(key, {
      comparisonId: 'comparison-1',
      voterHash: voter('ada'),
      guildId: null,
      reactions: [{ choice: { kind: 'pick', slot: 'A' } }],
    });
    const message = `Stored value at "${votes.fullName}:${key}" is malformed: reactions[0].choice.slot`;
    await expect(ledger.liveVote('comparison-1', voter('ada'))).rejects.toThrow(message);
    await expect(ledger.votesFor('comparison-1')).rejects.toThrow(message);
  });

  it('names the key when a stored vote is not JSON at all', async () => {
    const store = await fixture.open();
    const ledger = createVoteLedger(store);
    const votes = store.namespace('votes', z.unknown());
    const key = `comparison-1:${voter('ada')}`;
    // The Redis adapter adds the namespace to keys itself; the SQL adapters store the key Keyv gives them.
    await votes.keyv.store.set(backend.name === 'redis' ? key : `${votes.fullName}:${key}`, '{"value": {oops');
    await expect(ledger.liveVote('comparison-1', voter('ada'))).rejects.toThrow(
      `Stored value at "${votes.fullName}:${key}" is malformed: not JSON`,
    );
  });
});
