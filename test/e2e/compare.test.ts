// /compare end to end: the real discord.js client against the fake Discord, the real openai client against
// the fake model. Deferral, blind shuffled slots, live fill-in, vote reactions, failures in one slot, and
// pipelines crossed with models (models:). What shows the layout's differences runs in both layouts: Components v2
// (the default) and embeds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComponentType, InteractionResponseType } from 'discord.js';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId } from '../fixtures/buttons.ts';
import type { FakeHandler } from '../fakes/openai-server.ts';
import { ANSWER_OF, pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { eventually } from '../fixtures/eventually.ts';
import { privateReply } from '../fixtures/private-reply.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';
import { checkV2Message } from '../../src/render/discord/v2/check-v2-message.ts';

let harness: Harness;
async function start(env: Record<string, string> = {}) {
  harness = await startHarness({ env, servedModels: ['gpt-4o-mini', 'model-one', 'model-two', 'model-three'] });
  harness.model.respond(pipelineAnswers());
}
afterEach(async () => {
  await harness.stop();
});

const VOTE_EMOJI = ['🇦', '🇧', '🇨', '🇩', '🤝', '👎'];
/** A word per model in every final answer, so a test can tell which model wrote a slot without naming it (a model's name in an answer is a leak). */
const TAG: Record<string, string> = { 'model-one': 'Tag one.', 'model-two': 'Tag two.' };

function taggedByModel(): FakeHandler {
  const answers = pipelineAnswers();
  return async (request, index) => {
    const reply = await answers(request, index);
    const final = kindOf(request) === 'answer' || kindOf(request) === 'extract';
    return final && reply.text !== undefined ? { ...reply, text: `${reply.text} ${TAG[request.model] ?? ''}` } : reply;
  };
}

/** Every request the bot made was accepted: a v2 edit carrying content or embeds, or over a limit, would be a 400. */
function expectNothingRefused() {
  const refused = harness.discord.restCalls.filter((call) => call.status === 400);
  expect(refused.map((call) => `${call.method} ${call.path}: ${JSON.stringify(call.body).slice(0, 200)}`)).toEqual([]);
}

async function compare(options: Record<string, string>, slots = 4, reactions = slots + 2) {
  const { discord } = harness;
  const handle = discord.runSlashCommand({ name: 'compare', userId: discord.userId('alice'), options });
  const done = await handle.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(done.id).length === reactions || undefined, {
    timeoutMs: 10_000,
    description: `${reactions} vote reactions`,
  });
  return { handle, message: discord.message(done.id) ?? done };
}

const LAYOUTS = [
  ['components-v2 (the default)', {}],
  ['embeds', { MESSAGE_LAYOUT: 'embeds' }],
] as const;

describe.each(LAYOUTS)('/compare in the %s layout', (_layout, env) => {
  beforeEach(() => start(env));

  it('defers at once, then shows four blind answers in the stored shuffled order, with vote reactions', async () => {
    const { handle, message } = await compare({ prompt: 'Is coffee good for you?' });
    expect(handle.responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);

    const shown = shownMessage(message);
    expect(shown.slots.map((slot) => [slot.letter, slot.status])).toEqual([
      ['A', 'done'],
      ['B', 'done'],
      ['C', 'done'],
      ['D', 'done'],
    ]);
    const visible = JSON.stringify({
      content: message.content,
      embeds: message.embeds,
      components: message.components,
    });
    for (const pipeline of harness.services.engine.pipelines()) {
      expect(visible).not.toMatch(new RegExp(`\\b${pipeline.id}\\b`, 'i'));
      expect(visible).not.toContain(pipeline.label);
    }
    expect(shown.header).toContain('Is coffee good for you?');

    const stored = await harness.services.comparisons.findByMessageId(message.id);
    expect(stored?.status).toBe('done');
    expect(new Set(stored?.slots.map((slot) => slot.pipelineId))).toEqual(
      new Set(['plain', 'cot', 'rules', 'constitution']),
    );
    stored?.slots.forEach((slot, index) => expect(shown.slots[index]?.answer).toContain(ANSWER_OF[slot.pipelineId]));

    expect(harness.discord.reactions(message.id).map((reaction) => reaction.emoji)).toEqual(VOTE_EMOJI);
    expect(harness.loggedErrors).toEqual([]);
    expectNothingRefused();
  });

  it('keeps the other answers when one pipeline fails, and shows a neutral reason in its slot', async () => {
    const script = pipelineAnswers();
    harness.model.respond((request, index) =>
      kindOf(request) === 'reason' ? { status: 500 } : script(request, index),
    );
    const { message } = await compare({ prompt: 'hi' }, 4, 5);
    const stored = await harness.services.comparisons.findByMessageId(message.id);
    const cotIndex = stored?.slots.findIndex((slot) => slot.pipelineId === 'cot') ?? -1;
    const { slots, header } = shownMessage(message);
    expect(slots[cotIndex]).toMatchObject({ status: 'failed' });
    expect(slots[cotIndex]?.answer).toContain('The model server failed while writing this answer.');
    const others = slots.filter((_, index) => index !== cotIndex);
    expect(others.every((slot) => slot.status === 'done' && slot.answer.startsWith('Reply '))).toBe(true);

    // No vote letter for the failed slot, and one added by hand does not count.
    const failedLetter = VOTE_EMOJI[cotIndex] ?? '';
    expect(harness.discord.reactions(message.id).map((reaction) => reaction.emoji)).toEqual(
      VOTE_EMOJI.filter((emoji) => emoji !== failedLetter),
    );
    expect(header).toContain('Failed answers cannot be voted for.');
    harness.discord.addReaction({ userId: harness.discord.userId('bob'), messageId: message.id, emoji: failedLetter });
    const okLetter = VOTE_EMOJI[(cotIndex + 1) % 4] ?? '';
    harness.discord.addReaction({ userId: harness.discord.userId('carol'), messageId: message.id, emoji: okLetter });
    await eventually(async () => expect((await harness.services.votes.votesFor(stored?.id ?? '')).length).toBe(1), {
      description: "carol's vote",
    });
    expect((await harness.services.votes.votesFor(stored?.id ?? ''))[0]?.choice).toEqual({
      kind: 'pick',
      slot: (cotIndex + 1) % 4,
    });
  });

  it('does not ask for votes when every answer failed', async () => {
    harness.model.respond(() => ({ status: 500 }));
    const { message } = await compare({ prompt: 'hi', pipelines: 'plain, cot' }, 2, 0);
    const { header } = shownMessage(message);
    expect(header).toContain('No answer came through, so there is nothing to vote on.');
    expect(header).not.toContain('React ');
    expect(harness.discord.reactions(message.id)).toEqual([]);
  });

  it('crosses pipelines with models: one blind slot per pipeline and model, each pipeline’s calls on its slot’s model, votes tied to that model', async () => {
    harness.model.respond(taggedByModel());
    const { message } = await compare({ prompt: 'hi', pipelines: 'plain, cot', models: 'model-one, model-two' });
    const shown = shownMessage(message);
    expect(shown.slots.map((slot) => slot.letter)).toEqual(['A', 'B', 'C', 'D']);
    expect(
      JSON.stringify({ content: message.content, embeds: message.embeds, components: message.components }),
    ).not.toMatch(/model-(one|two)/);

    const stored = (await harness.services.comparisons.findByMessageId(message.id))!;
    expect(stored.slots.map((slot) => `${slot.pipelineId} on ${slot.model}`).sort()).toEqual([
      'cot on model-one',
      'cot on model-two',
      'plain on model-one',
      'plain on model-two',
    ]);
    stored.slots.forEach((slot, index) =>
      expect(shown.slots[index]?.answer).toContain(`${ANSWER_OF[slot.pipelineId]} ${TAG[slot.model ?? '']}`),
    );
    // What the model server saw: plain's one call and cot's two, once on each model, never on the usual model.
    const modelsOf = (kind: string) =>
      harness.model.requests
        .filter((request) => kindOf(request) === kind)
        .map((request) => request.model)
        .sort();
    for (const kind of ['answer', 'reason', 'extract']) expect(modelsOf(kind)).toEqual(['model-one', 'model-two']);
    expect(harness.discord.reactions(message.id).map((reaction) => reaction.emoji)).toEqual(VOTE_EMOJI);

    const cotOnTwo = stored.slots.findIndex((slot) => slot.pipelineId === 'cot' && slot.model === 'model-two');
    harness.discord.addReaction({
      userId: harness.discord.userId('bob'),
      messageId: message.id,
      emoji: VOTE_EMOJI[cotOnTwo]!,
    });
    await eventually(async () => expect(await harness.services.votes.votesFor(stored.id)).toHaveLength(1), {
      description: "bob's vote",
    });
    expect((await harness.services.votes.votesFor(stored.id))[0]?.choice).toEqual({ kind: 'pick', slot: cotOnTwo });
    expect(stored.slots[cotOnTwo]).toMatchObject({ pipelineId: 'cot', model: 'model-two' });

    // The reveal, privately and in the same layout, tells the two cot answers apart by their model.
    const click = harness.discord.clickButton({
      userId: harness.discord.userId('bob'),
      messageId: message.id,
      customId: buttonId(message, 'Reveal pipelines'),
    });
    const reveal = await click.waitForOriginal();
    expect(click.ephemeral).toBe(true);
    const revealed = shownMessage(reveal);
    expect(revealed.layout).toBe(shown.layout);
    expect(revealed.header).toMatch(new RegExp(`You voted for \\*\\*${'ABCD'[cotOnTwo]}\\*\\*: .+ · model-two\\.`));
    expect(revealed.blocks.map((block) => block.title.replace(/^. · /, '')).sort()).toEqual([
      expect.stringMatching(/ · model-one \(cot\)$/),
      expect.stringMatching(/ · model-two \(cot\)$/),
      expect.stringMatching(/ · model-one \(plain\)$/),
      expect.stringMatching(/ · model-two \(plain\)$/),
    ]);
    expect(revealed.buttons).toEqual(['Steps of A', 'Steps of B', 'Steps of C', 'Steps of D']);

    // /leaderboard in the same layout counts the vote and attaches its charts (shown in a media gallery in v2).
    const board = await harness.discord
      .runSlashCommand({ name: 'leaderboard', userId: harness.discord.userId('bob') })
      .waitForOriginal(undefined, 30_000);
    expect(shownMessage(board).layout).toBe(shown.layout);
    expect(shownMessage(board).header).toContain('1 vote** counted');
    const charts = ['leaderboard-ratings.png', 'leaderboard-head-to-head.png'];
    expect(board.attachments.map((file) => file.filename)).toEqual([...charts, 'leaderboard.json']);
    if (shown.layout === 'components-v2') {
      expect(checkV2Message(board)).toEqual([]);
      const gallery = board.components.find((component) => component.type === ComponentType.MediaGallery);
      expect(gallery && 'items' in gallery ? gallery.items.map((item) => item.media.url) : []).toEqual(
        charts.map((name) => `attachment://${name}`),
      );
    }
    expect(harness.loggedErrors).toEqual([]);
    expectNothingRefused();
  });

  it('keeps long answers within Discord limits and offers each full text behind a button', async () => {
    const long = `${'A long paragraph about coffee. '.repeat(60)}\n\n\`\`\`python\n${'print("brew")\n'.repeat(80)}\`\`\`\n`;
    harness.model.respond((request) =>
      kindOf(request) === 'answer' ? { text: long } : { text: long.replace('{', '') },
    );
    const { message } = await compare({ prompt: 'Write a lot', pipelines: 'plain, cot, constitution' }, 3);
    const shown = shownMessage(message);
    if (shown.layout === 'embeds') {
      const total = message.embeds.reduce(
        (sum, embed) =>
          sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0),
        0,
      );
      expect(total).toBeLessThanOrEqual(6000);
    } else expect(checkV2Message(message)).toEqual([]);
    for (const slot of shown.slots) expect((slot.answer.match(/```/g) ?? []).length % 2).toBe(0);

    const click = harness.discord.clickButton({
      userId: harness.discord.userId('bob'),
      messageId: message.id,
      customId: buttonId(message, 'Full answer A'),
    });
    const reply = await click.waitForOriginal();
    expect(click.ephemeral).toBe(true);
    const fullText = reply.attachments[0]?.bytes.toString('utf8') ?? reply.content;
    expect(fullText).toContain('print("brew")\n'.repeat(80).trim());
    expectNothingRefused();
  });
});

describe('/compare', () => {
  beforeEach(() => start());

  it('registers its commands with Discord', () => {
    const names = harness.discord.commands(harness.discord.guildId).map((command) => command.name);
    expect(names).toEqual(expect.arrayContaining(['compare', 'ask', 'pipelines']));
  });

  it('shuffles: the slot order differs between comparisons', async () => {
    const orders = new Set<string>();
    for (let attempt = 0; attempt < 6 && orders.size < 2; attempt++) {
      const { message } = await compare({ prompt: `Question ${attempt}` });
      const stored = await harness.services.comparisons.findByMessageId(message.id);
      orders.add(stored?.slots.map((slot) => slot.pipelineId).join(',') ?? '');
    }
    expect(orders.size).toBeGreaterThan(1); // 6 draws all equal has probability (1/24)^5
  });

  it('runs only the pipelines asked for, with as many vote letters as slots', async () => {
    const { message } = await compare({ prompt: 'hi', pipelines: 'plain, cot' }, 2);
    expect(shownMessage(message).slots.map((slot) => slot.letter)).toEqual(['A', 'B']);
    expect(harness.discord.reactions(message.id).map((reaction) => reaction.emoji)).toEqual(['🇦', '🇧', '🤝', '👎']);
  });

  it('works in a DM, with vote reactions there too', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('bob'),
      guildId: null,
      options: { prompt: 'hi', pipelines: 'plain, cot' },
    });
    const message = await handle.waitForOriginal(comparisonDone, 15_000);
    expect(message.guildId).toBeNull();
    await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined, { timeoutMs: 10_000 });
  });

  it('refuses an unknown pipeline privately, without calling the model', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipelines: 'plain, telepathy' },
    });
    const reply = await handle.waitForOriginal();
    expect(handle.ephemeral).toBe(true);
    expect(reply.content).toContain('There is no pipeline called "telepathy"');
    expect(harness.model.requests).toHaveLength(0);
  });

  it('refuses a blank prompt with an example', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: '   ' },
    });
    const reply = await handle.waitForOriginal();
    expect(handle.ephemeral).toBe(true);
    expect(reply.content).toContain('The prompt is empty');
  });

  it('fills all eight slots A to H with four pipelines on two models, one vote letter each', async () => {
    const { message } = await compare({ prompt: 'hi', models: 'model-one, gpt-4o-mini' }, 8);
    expect(shownMessage(message).slots.map((slot) => slot.letter)).toEqual([...'ABCDEFGH']);
    expect(checkV2Message(message)).toEqual([]);
    expect(harness.discord.reactions(message.id).map((reaction) => reaction.emoji)).toEqual([
      '🇦',
      '🇧',
      '🇨',
      '🇩',
      '🇪',
      '🇫',
      '🇬',
      '🇭',
      '🤝',
      '👎',
    ]);
    const stored = await harness.services.comparisons.findByMessageId(message.id);
    expect(stored?.slots.every((slot) => slot.status === 'ok')).toBe(true);
  });

  it('lets one pipeline on several models make a comparison of its own', async () => {
    const { message } = await compare({ prompt: 'hi', pipelines: 'cot', models: 'model-one, model-two' }, 2);
    const stored = await harness.services.comparisons.findByMessageId(message.id);
    expect(stored?.slots.map((slot) => slot.model).sort()).toEqual(['model-one', 'model-two']);
  });

  it('counts a model’s name in an answer as a leak: it would give the slot away', async () => {
    const answers = pipelineAnswers();
    harness.model.respond((request, index) =>
      request.model === 'model-two' && kindOf(request) === 'answer'
        ? { text: 'As model-two, I say hi.' }
        : answers(request, index),
    );
    const { message } = await compare({ prompt: 'hi', pipelines: 'plain, cot', models: 'model-one, model-two' });
    const stored = (await harness.services.comparisons.findByMessageId(message.id))!;
    const leaky = stored.slots.findIndex((slot) => slot.pipelineId === 'plain' && slot.model === 'model-two');
    expect(stored.leaks).toEqual([{ slot: leaky, marker: 'model-two' }]);
  });

  it('refuses, privately and before any model call, models that are unknown, listed twice, empty, or too many to fit', async () => {
    const refusal = async (options: Record<string, string>) => {
      const handle = harness.discord.runSlashCommand({
        name: 'compare',
        userId: harness.discord.userId('alice'),
        options: { prompt: 'hi', ...options },
      });
      const reply = await privateReply(harness.discord, handle);
      expect(handle.original() === undefined || handle.ephemeral).toBe(true); // no public placeholder left behind
      return reply.content;
    };
    expect(await refusal({ pipelines: 'plain, cot', models: 'model-one, modle-two' })).toBe(
      '⚠️ The model server does not serve `modle-two`. It serves: `gpt-4o-mini`, `model-one`, `model-three`, `model-two`.',
    );
    expect(await refusal({ pipelines: 'plain, cot', models: 'model-one, model-one' })).toBe(
      '⚠️ `models` lists `model-one` twice; list each model once.',
    );
    expect(await refusal({ pipelines: 'plain, cot', models: 'model-one,, model-two' })).toContain(
      '`models` has an empty name in “model-one,, model-two”',
    );
    expect(await refusal({ models: 'model-one, model-two, model-three' })).toBe(
      '⚠️ 4 pipelines × 3 models make 12 answers, but one comparison shows at most 8 (A to H). List fewer pipelines or models.',
    );
    expect(await refusal({ pipelines: 'cot', models: 'model-one' })).toContain(
      'A comparison needs at least two different pipelines',
    );
    expect(harness.model.requests).toHaveLength(0);
  });
});
