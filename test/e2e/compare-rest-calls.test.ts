// What one /compare costs in Discord requests: the deferral, the first reply, one edit per window with every answer
// that came in it (the last answer goes out with the finished message), and the six vote reactions in ballot order.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await harness.stop();
});

it('answers a /compare whose answers all arrive within one edit window with 9 requests to Discord, none repeating content', async () => {
  const { discord } = harness;
  const from = discord.restCalls.length;
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: 'Best pet?' },
  });
  const done = await handle.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(done.id).length === 6 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });

  const calls = discord.restCalls.slice(from).map(
    (call) =>
      `${call.method} ${decodeURIComponent(call.path)
        .replace(/\d{5,}/g, ':id')
        .replace(/\/(interactions|webhooks)\/:id\/[^/]+/, '/$1/:id/:token')}`,
  );
  // The reactions go up while the answers are written, so they interleave with the edits.
  expect(calls.filter((call) => !call.startsWith('PUT '))).toEqual([
    'POST /interactions/:id/:token/callback', // deferred
    'PATCH /webhooks/:id/:token/messages/@original', // the slots, running
    'PATCH /webhooks/:id/:token/messages/@original', // every answer, finished
  ]);
  expect(calls.filter((call) => call.startsWith('PUT '))).toEqual(
    ['🇦', '🇧', '🇨', '🇩', '🤝', '👎'].map((emoji) => `PUT /channels/:id/messages/:id/reactions/${emoji}/@me`),
  );
  expect(discord.reactions(done.id).map((reaction) => reaction.emoji)).toEqual(['🇦', '🇧', '🇨', '🇩', '🤝', '👎']);
  const versions = done.versions.map((version) =>
    JSON.stringify([version.content, version.embeds, version.components]),
  );
  expect(new Set(versions).size).toBe(versions.length); // no edit repeats what the message already shows
});
