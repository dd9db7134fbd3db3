// Components v2, the default layout, end to end: /compare with four long answers, its reveal (also of techniques with
// many steps) and /leaderboard are sent as Components v2 messages that the fake Discord accepts (flag, types, 40
// components, 4,000 characters), every edit included; "Full answer" and "Reveal" work from section accessories;
// reactions stay the ballot.
import { ComponentType, MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId } from '../fixtures/buttons.ts';
import { eventually } from '../fixtures/eventually.ts';
import { techniqueScript } from '../fixtures/technique-script.ts';
import { v2Text, v2Types } from '../fixtures/v2-text.ts';
import { shownMessage } from '../fixtures/shown-message.ts';
import type { StoredMessage } from '../fakes/discord/state.ts';
import { checkV2Message, measureV2 } from '../../src/render/discord/v2/check-v2-message.ts';

const long = (word: string) => `${word} `.repeat(700).trim(); // ~4,000 characters
const LONG = { answer: long('alpha'), cot: long('bravo'), rules: long('charlie'), constitution: long('delta') };

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ discord: { users: ['alice', 'bob'] }, servedModels: ['gpt-4o-mini', 'model-one'] });
  harness.model.respond(
    techniqueScript({ answer: () => LONG.answer, extracted: LONG.cot, revision: () => LONG.constitution }),
  );
});
afterEach(async () => {
  await harness.stop();
});

const isV2 = (message: { flags: number }) => (message.flags & MessageFlags.IsComponentsV2) !== 0;

/** Every request the bot made was accepted: a v2 edit carrying content or embeds, or over a limit, would be a 400. */
function expectNothingRefused() {
  const refused = harness.discord.restCalls.filter((call) => call.status === 400);
  expect(refused.map((call) => `${call.method} ${call.path}: ${JSON.stringify(call.body).slice(0, 200)}`)).toEqual([]);
}

function expectValidV2(message: Pick<StoredMessage, 'flags' | 'content' | 'embeds' | 'components'>) {
  expect(checkV2Message(message)).toEqual([]);
  const size = measureV2(message.components);
  expect(size.components).toBeLessThanOrEqual(40);
  expect(size.textLength).toBeLessThanOrEqual(4000);
}

async function finishedCompare(options: Record<string, string> = {}) {
  const { discord } = harness;
  const handle = discord.runSlashCommand({
    name: 'compare',
    userId: discord.userId('alice'),
    options: { prompt: 'Tell me a long story', ...options },
  });
  const message = await handle.waitForOriginal(
    (candidate) => v2Text(candidate.components).includes('Voted? See which technique'),
    30_000,
  );
  await discord.waitFor(() => ((discord.message(message.id)?.reactions.size ?? 0) >= 6 ? true : undefined), {
    description: 'the vote reactions',
  });
  return discord.message(message.id) ?? message;
}

describe('Components v2 layout', () => {
  it('shows /compare as one container per slot with its letter, status and answer, within Discord’s limits, and every edit too', async () => {
    const message = await finishedCompare();
    expect(isV2(message)).toBe(true);
    expect(message.content).toBe('');
    expect(message.embeds).toEqual([]);
    expectValidV2(message);
    for (const version of message.versions.filter((candidate) => candidate.components.length > 0)) {
      expect(isV2(version)).toBe(true);
      expectValidV2({ ...version, content: version.content, embeds: version.embeds });
    }

    const containers = message.components.filter((component) => component.type === ComponentType.Container);
    expect(containers).toHaveLength(4);
    for (const [index, slot] of containers.entries()) {
      const letter = 'ABCD'[index];
      const text = v2Text([slot]);
      expect(text).toMatch(new RegExp(`^### Answer ${letter}\\n-# done\\n`));
      expect(text).toMatch(/(alpha|bravo|charlie|delta)/);
      // Each long answer is cut to fit and offers its full text beside it.
      expect(v2Types([slot])).toEqual([
        ComponentType.Container,
        ComponentType.Section,
        ComponentType.TextDisplay,
        ComponentType.Button,
      ]);
    }
    expect(v2Types(message.components)).toContain(ComponentType.Section);
    expect(v2Text(message.components)).toContain('React 🇦 🇧 🇨 🇩 for the best answer');

    const click = harness.discord.clickButton({
      userId: harness.discord.userId('bob'),
      messageId: message.id,
      customId: buttonId(message, 'Full answer A'),
    });
    const full = await click.waitForOriginal();
    expect(click.ephemeral).toBe(true);
    const fullText = full.attachments[0]?.bytes.toString('utf8') ?? full.content;
    expect(Object.values(LONG).some((answer) => fullText.includes(answer))).toBe(true);
    expect(harness.loggedErrors).toEqual([]);
    expectNothingRefused();
  });

  it('counts a reaction vote on the v2 message, reveals in v2, and shows /leaderboard with its charts in a media gallery', async () => {
    const { discord, services } = harness;
    const message = await finishedCompare();
    discord.addReaction({ userId: discord.userId('bob'), messageId: message.id, emoji: '🇦' });
    const comparisonId = (await services.comparisons.findByMessageId(message.id))?.id ?? '';
    await eventually(async () => {
      if ((await services.votes.votesFor(comparisonId)).length !== 1) throw new Error('vote not stored yet');
    });

    const revealClick = discord.clickButton({
      userId: discord.userId('bob'),
      messageId: message.id,
      customId: buttonId(message, 'Reveal pipelines'),
    });
    const reveal = await revealClick.waitForOriginal();
    expect(revealClick.ephemeral).toBe(true);
    expect(isV2(reveal)).toBe(true);
    expectValidV2(reveal);
    expect(v2Text(reveal.components)).toContain('You voted for **A**');
    expect(reveal.components.filter((component) => component.type === ComponentType.Container)).toHaveLength(4);

    const board = await discord
      .runSlashCommand({ name: 'leaderboard', userId: discord.userId('bob') })
      .waitForOriginal();
    expect(isV2(board)).toBe(true);
    expectValidV2(board);
    expect(v2Text(board.components)).toContain('1 vote** counted');
    const gallery = board.components.find((component) => component.type === ComponentType.MediaGallery);
    const urls = gallery && 'items' in gallery ? gallery.items.map((item) => item.media.url) : [];
    expect(urls).toEqual(['attachment://leaderboard-ratings.png', 'attachment://leaderboard-head-to-head.png']);
    expect(board.attachments.map((attachment) => attachment.filename)).toEqual([
      'leaderboard-ratings.png',
      'leaderboard-head-to-head.png',
      'leaderboard.json',
    ]);
    expect(board.components.some((component) => component.type === ComponentType.File)).toBe(true);
    expect(harness.loggedErrors).toEqual([]);
    expectNothingRefused();
  });

  // Four techniques with many steps each; on two models they fill all eight slots, the most a comparison holds.
  it.each([
    ['four', {}],
    ['eight', { models: 'gpt-4o-mini, model-one' }],
  ])(
    'keeps %s long answers of techniques with many steps, and their reveal, within Discord’s limits',
    async (_count, models) => {
      const { discord, services } = harness;
      const message = await finishedCompare({
        pipelines: 'rules, constitution, best-of-n, self-consistency',
        ...models,
      });
      const versions = message.versions.filter((version) => version.components.length > 0);
      expect(versions.length).toBeGreaterThan(1);
      for (const version of versions) expectValidV2(version);
      const shown = shownMessage(message);
      const letters = shown.slots.map((slot) => slot.letter);
      expect(letters).toHaveLength('models' in models ? 8 : 4);
      expect(shown.slots.every((slot) => slot.status === 'done')).toBe(true);
      expect(shown.buttons).toEqual(
        expect.arrayContaining(letters.slice(0, 4).map((letter) => `Full answer ${letter}`)),
      );

      const stored = await services.comparisons.get((await services.comparisons.findByMessageId(message.id))?.id ?? '');
      const steps = stored?.slots.map((slot) => slot.result?.trace.length ?? 0) ?? [];
      expect(steps.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(24);

      const click = discord.clickButton({
        userId: discord.userId('bob'),
        messageId: message.id,
        customId: buttonId(message, 'Reveal pipelines'),
      });
      const reveal = await click.waitForOriginal();
      expect(click.ephemeral).toBe(true);
      expectValidV2(reveal);
      const revealed = shownMessage(reveal);
      expect(new Set(revealed.blocks.map((block) => /\(([^)]+)\)$/.exec(block.title)?.[1]))).toEqual(
        new Set(['best-of-n', 'constitution', 'rules', 'self-consistency']),
      );
      expect(revealed.buttons).toEqual(letters.map((letter) => `Steps of ${letter}`));

      // The slot with the most steps shows them all behind its button, as a file when they do not fit a message.
      const most = steps.indexOf(Math.max(...steps));
      const stepsClick = discord.clickButton({
        userId: discord.userId('bob'),
        messageId: reveal.id,
        customId: buttonId(reveal, `Steps of ${letters[most]}`),
      });
      const trace = await stepsClick.waitForOriginal();
      expect(stepsClick.ephemeral).toBe(true);
      expect(trace.content + (trace.attachments[0]?.text ?? '')).toMatch(/alpha/);
      expect(harness.loggedErrors).toEqual([]);
      expectNothingRefused();
    },
  );
});
