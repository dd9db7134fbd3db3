// Votes in a DM survive restarts: discord.js drops reaction events from a DM channel it has not cached (Discord's
// event does not say the channel is a DM), so after a restart the bot must still hear a DM voter change their
// mind, and that newer choice must stay the vote through later restarts and their reconciliation with Discord.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoteChoice } from '../../src/records/votes/vote.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ discord: { users: ['alice', 'bob'] } });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await harness.stop();
});

describe('votes in a DM', () => {
  it('counts a vote changed in a DM after a restart, and keeps it as the vote after another restart', async () => {
    const { discord } = harness;
    const bob = discord.userId('bob');
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: bob,
      guildId: null,
      options: { prompt: 'Best pet?', pipelines: 'plain, cot' },
    });
    const message = await handle.waitForOriginal(comparisonDone, 15_000);
    expect(message.guildId).toBeNull();
    await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, {
      timeoutMs: 10_000,
      description: 'vote reactions',
    });
    const comparisonId = (await harness.services.comparisons.findByMessageId(message.id))?.id ?? '';
    const liveVote = async () =>
      (await harness.services.votes.liveVote(comparisonId, harness.services.hashUser(bob)))?.choice ?? null;
    const expectVote = (choice: VoteChoice | null, description: string) =>
      eventually(async () => expect(await liveVote()).toEqual(choice), { description });
    const react = (emoji: string) => discord.addReaction({ userId: bob, messageId: message.id, emoji });
    // Each event is handled once: by discord.js while it has the DM channel cached, by the raw packet otherwise.
    const votesAdded = async (metrics = harness.services.metrics) =>
      (await metrics.registry.getSingleMetric('dialoglab_votes_total')?.get())?.values.find(
        (value) => value.labels.change === 'add',
      )?.value;
    // Each start reads the comparison's reactions back from Discord; waiting for it keeps that pass from doing the
    // live handler's job.
    const startUpPasses = () =>
      harness.logged.filter(
        (line) => line.message === 'reconciled votes on 1 recent comparison(s) with Discord: 0 repair(s)',
      ).length;

    react('🇦');
    await expectVote({ kind: 'pick', slot: 0 }, 'the first vote');
    const firstRun = harness.services.metrics;

    await harness.restart();
    expect(await votesAdded(firstRun)).toBe(1);
    await eventually(() => expect(startUpPasses()).toBe(1), { description: 'the first start-up reconciliation' });
    expect(harness.bot.client.channels.cache.has(message.channelId)).toBe(false); // the new client never saw the DM
    react('🇧'); // 🇦 stays on the message too: adding 🇧 changes the vote, as it would in a server
    await expectVote({ kind: 'pick', slot: 1 }, 'the changed vote, heard after the restart');
    const secondRun = harness.services.metrics;

    await harness.restart();
    expect(await votesAdded(secondRun)).toBe(1);
    await eventually(() => expect(startUpPasses()).toBe(2), { description: 'the second start-up reconciliation' });
    expect(await liveVote()).toEqual({ kind: 'pick', slot: 1 });
    discord.removeReaction({ userId: bob, messageId: message.id, emoji: '🇧' });
    await expectVote({ kind: 'pick', slot: 0 }, 'the vote falling back to 🇦 once 🇧 is withdrawn');
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});
