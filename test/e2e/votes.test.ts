// Votes are reactions: one live vote per person per comparison, replaced on change, withdrawn on removal,
// never from bots, stored durably, and still counted after a restart on messages the bot no longer caches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoteRecord } from '../../src/records/votes/vote.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId } from '../fixtures/buttons.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
let messageId: string;
let comparisonId: string;

beforeEach(async () => {
  harness = await startHarness({ discord: { users: ['alice', 'bob', 'carol', { username: 'otherbot', bot: true }] } });
  harness.model.respond(pipelineAnswers());
  const { discord } = harness;
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: 'Best pet?' },
  });
  const message = await handle.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, { timeoutMs: 10_000 });
  messageId = message.id;
  comparisonId = (await harness.services.comparisons.findByMessageId(messageId))?.id ?? '';
});
afterEach(async () => {
  await harness.stop();
});

const react = (user: string, emoji: string) =>
  harness.discord.addReaction({ userId: harness.discord.userId(user), messageId, emoji });
const unreact = (user: string, emoji: string) =>
  harness.discord.removeReaction({ userId: harness.discord.userId(user), messageId, emoji });
const votes = () => harness.services.votes.votesFor(comparisonId);
const voteOf = async (user: string) =>
  (await votes()).find((vote) => vote.voterHash === harness.services.hashUser(harness.discord.userId(user)));

async function expectVotes(expected: Record<string, VoteRecord['choice'] | null>) {
  await eventually(
    async () => {
      for (const [user, choice] of Object.entries(expected)) {
        const vote = await voteOf(user);
        if (JSON.stringify(vote?.choice ?? null) !== JSON.stringify(choice))
          throw new Error(`${user}: ${JSON.stringify(vote?.choice ?? null)}`);
      }
    },
    { description: 'the expected live votes' },
  );
}

describe('votes', () => {
  it('counts a reaction as a vote, and the poster may vote', async () => {
    react('alice', '🇦');
    react('bob', '🤝');
    react('carol', '👎');
    await expectVotes({ alice: { kind: 'pick', slot: 0 }, bob: { kind: 'tie' }, carol: { kind: 'all-bad' } });
    expect(await votes()).toHaveLength(3);
  });

  it('replaces a vote when the user reacts again, and withdraws it when the reaction is removed', async () => {
    react('alice', '🇦');
    await expectVotes({ alice: { kind: 'pick', slot: 0 } });
    react('alice', '🇧');
    await expectVotes({ alice: { kind: 'pick', slot: 1 } });
    unreact('alice', '🇧'); // 🇦 is still on the message: it is her vote again
    await expectVotes({ alice: { kind: 'pick', slot: 0 } });
    unreact('alice', '🇦');
    await expectVotes({ alice: null });
    expect(await votes()).toHaveLength(0);
  });

  it('applies one user’s rapid reaction changes in the order they happened', async () => {
    for (const user of ['alice', 'bob', 'carol']) {
      react(user, '🇦');
      unreact(user, '🇦');
      react(user, '🇧');
      react(user, '🤝');
      unreact(user, '🤝');
    }
    await expectVotes({
      alice: { kind: 'pick', slot: 1 },
      bob: { kind: 'pick', slot: 1 },
      carol: { kind: 'pick', slot: 1 },
    });
  });

  it('never counts the bot’s own reactions, other bots, or unrelated emoji', async () => {
    react('otherbot', '🇦');
    react('bob', '🎉');
    react('carol', '🇩');
    await expectVotes({ carol: { kind: 'pick', slot: 3 } });
    const all = await votes();
    expect(all).toHaveLength(1); // the bot's six reactions and otherbot's are not votes
    expect(all.every((vote) => !JSON.stringify(vote).includes(harness.discord.userId('carol')))).toBe(true); // only hashes are stored
  });

  it('keeps votes across a restart and counts reactions on the now-uncached message', async () => {
    react('alice', '🇧');
    await expectVotes({ alice: { kind: 'pick', slot: 1 } });
    await harness.restart();
    const channel = harness.bot.client.channels.cache.get(harness.discord.channelId);
    expect(channel?.isTextBased() && channel.messages.cache.has(messageId)).toBe(false); // the new client never saw the message
    react('bob', '🇨');
    unreact('alice', '🇧');
    react('alice', '🇩');
    await expectVotes({ alice: { kind: 'pick', slot: 3 }, bob: { kind: 'pick', slot: 2 } });
  });

  it('counts reactions added and removed while the bot was stopped, once it starts again', async () => {
    react('alice', '🇧');
    react('carol', '🤝');
    await expectVotes({ alice: { kind: 'pick', slot: 1 }, carol: { kind: 'tie' } });
    const offline = (user: string, emoji: string) => ({
      userId: harness.discord.userId(user),
      messageId,
      emoji,
      whileBotOffline: true,
    });
    await harness.restart(() => {
      harness.discord.addReaction(offline('alice', '🇦')); // added after the 🇧 the bot saw: her newer choice counts
      harness.discord.addReaction(offline('bob', '🇦'));
      harness.discord.addReaction(offline('bob', '🇧')); // bob was never seen: of several unseen ones the last in ballot order counts
      harness.discord.removeReaction(offline('carol', '🤝'));
    });
    await expectVotes({ alice: { kind: 'pick', slot: 0 }, bob: { kind: 'pick', slot: 1 }, carol: null });
    await eventually(() =>
      expect(harness.logged.map((line) => line.message)).toContain(
        'reconciled votes on 1 recent comparison(s) with Discord: 4 repair(s)',
      ),
    );
    unreact('alice', '🇦'); // live again: withdrawing 🇦 falls back to the 🇧 she chose before
    await expectVotes({ alice: { kind: 'pick', slot: 1 } });
  });

  it('ignores a letter beyond the number of slots', async () => {
    react('alice', '🇪');
    react('bob', '🇦');
    await expectVotes({ bob: { kind: 'pick', slot: 0 } });
    expect(await voteOf('alice')).toBeUndefined();
  });
});

describe('reveal', () => {
  it('shows the voter privately which pipeline wrote each slot, and flags a vote cast afterwards', async () => {
    const { discord } = harness;
    react('alice', '🇦');
    await expectVotes({ alice: { kind: 'pick', slot: 0 } });
    const message = discord.message(messageId);
    if (!message) throw new Error('comparison message missing');
    const stored = await harness.services.comparisons.get(comparisonId);

    const click = discord.clickButton({
      userId: discord.userId('bob'),
      messageId,
      customId: buttonId(message, 'Reveal pipelines'),
    });
    const reply = await click.waitForOriginal();
    expect(click.ephemeral).toBe(true);
    const text = shownMessage(reply).text;
    for (const slot of stored?.slots ?? []) expect(text).toContain(`(${slot.pipelineId})`);

    react('bob', '🇧');
    await expectVotes({ bob: { kind: 'pick', slot: 1 } });
    expect((await voteOf('bob'))?.afterReveal).toBe(true);
    expect((await voteOf('alice'))?.afterReveal).toBe(false);

    const stepsClick = discord.clickButton({
      userId: discord.userId('bob'),
      messageId: reply.id,
      customId: buttonId(reply, 'Steps of A'),
    });
    const stepsReply = await stepsClick.waitForOriginal();
    expect(stepsClick.ephemeral).toBe(true);
    expect(
      JSON.stringify(stepsReply.embeds) + stepsReply.content + (stepsReply.attachments[0]?.bytes.toString() ?? ''),
    ).toMatch(/tok/);
  });
});
