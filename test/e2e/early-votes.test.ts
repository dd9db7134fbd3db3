// Voting while answers stream: the vote reactions are there as soon as the comparison message is, a vote cast
// while answers are still being written counts and remembers which were in, and the leaderboard counts by default
// only votes whose chosen answer was in when they were cast (early-votes: include counts the rest).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emojiForChoice } from '../../src/records/votes/vote-emoji.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
let releaseCot: () => void;
beforeEach(async () => {
  harness = await startHarness();
  // plain answers at once; chain-of-thought waits until the test lets it go, so the comparison stays running.
  const cotMayAnswer = new Promise<void>((resolve) => (releaseCot = resolve));
  const answers = pipelineAnswers();
  harness.model.respond(async (request, index) => {
    if (kindOf(request) !== 'answer') await cotMayAnswer;
    return answers(request, index);
  });
});
afterEach(async () => {
  releaseCot();
  await harness.stop();
});

/** A plain-and-cot /compare by alice, once its message shows both slots and 🇦 🇧 🤝 👎 are up: they go up at once,
 * while chain-of-thought is still thinking. */
async function compareWithBallotUp() {
  const { discord } = harness;
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: 'Best pet?', pipelines: 'plain, cot' },
  });
  const running = await handle.waitForOriginal((message) => shownMessage(message).slots.length === 2);
  await discord.waitFor(() => discord.reactions(running.id).length === 4 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });
  return { handle, running };
}

it('takes votes while an answer is still being written, and counts on the board only those whose answer was in', async () => {
  const { discord, services } = harness;
  const { handle, running } = await compareWithBallotUp();
  const ballot = await eventually(
    async () => {
      const found = await services.comparisons.findByMessageId(running.id);
      expect(found?.status).toBe('running');
      expect(found?.slots.find((slot) => slot.pipelineId === 'plain')?.status).toBe('ok');
      return found!;
    },
    { description: 'plain answered while cot runs' },
  );
  const plainSlot = ballot.slots.findIndex((slot) => slot.pipelineId === 'plain');
  const cotSlot = ballot.slots.findIndex((slot) => slot.pipelineId === 'cot');
  // What voters see meanwhile: the plain answer done, chain-of-thought still writing.
  await handle.waitForOriginal((message) => {
    const { slots } = shownMessage(message);
    return slots[plainSlot]?.status === 'done' && slots[cotSlot]?.status === 'writing';
  });
  const react = (user: string, slot: number) =>
    discord.addReaction({
      userId: discord.userId(user),
      messageId: running.id,
      emoji: emojiForChoice({ kind: 'pick', slot }),
    });
  const voteOf = (user: string) => services.votes.liveVote(ballot.id, services.hashUser(discord.userId(user)));

  react('alice', plainSlot); // early, on an answer that is in
  react('bob', cotSlot); // early, on an answer still being written
  react('carol', cotSlot); // early too, but changed once everything is in (below)
  await eventually(
    async () => {
      expect((await voteOf('alice'))?.completeSlots).toEqual([plainSlot]);
      expect((await voteOf('bob'))?.choice).toEqual({ kind: 'pick', slot: cotSlot });
      expect((await voteOf('bob'))?.completeSlots).toEqual([plainSlot]);
      expect((await voteOf('carol'))?.choice).toEqual({ kind: 'pick', slot: cotSlot });
    },
    { description: 'the three early votes stored' },
  );

  releaseCot();
  await handle.waitForOriginal(comparisonDone, 15_000);
  await eventually(async () => expect((await services.comparisons.ballot(ballot.id))?.status).toBe('done'));
  react('carol', plainSlot);
  await eventually(async () => expect((await voteOf('carol'))?.choice).toEqual({ kind: 'pick', slot: plainSlot }), {
    description: "carol's new vote",
  });
  expect((await voteOf('carol'))?.completeSlots).toBeUndefined();

  const board = await discord
    .runSlashCommand({ name: 'leaderboard', userId: discord.userId('bob'), options: {} })
    .waitForOriginal();
  expect(shownMessage(board).header).toContain('2 votes** counted');
  expect(shownMessage(board).header).toContain('1 cast before the chosen answer was in left out');
  const withEarly = await discord
    .runSlashCommand({ name: 'leaderboard', userId: discord.userId('bob'), options: { 'early-votes': 'include' } })
    .waitForOriginal();
  expect(shownMessage(withEarly).header).toContain('3 votes** counted');
  expect(shownMessage(withEarly).header).toContain('votes cast before the chosen answer was in included');
  expect(harness.loggedErrors).toEqual([]);
}, 60_000);

it('takes back the letter of an answer that failed, so the ballot offers only what came through', async () => {
  const { discord } = harness;
  const cotMayFail = new Promise<void>((resolve) => (releaseCot = resolve));
  harness.model.respond(async (request, index) => {
    if (kindOf(request) === 'answer') return pipelineAnswers()(request, index);
    await cotMayFail;
    return { status: 400 };
  });
  const { handle } = await compareWithBallotUp();
  releaseCot();
  const done = await handle.waitForOriginal(comparisonDone, 15_000);
  // With one answer, only its letter and 👎 remain.
  await discord.waitFor(() => discord.reactions(done.id).length === 2 || undefined, {
    timeoutMs: 10_000,
    description: 'the ballot of one answer',
  });
  expect(discord.reactions(done.id).map((reaction) => reaction.emoji)).toHaveLength(2);
  expect(discord.reactions(done.id).map((reaction) => reaction.emoji)).toContain('👎');
});
