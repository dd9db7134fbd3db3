// Prompt categories end to end: a /compare through the real bot and the fake model server gets its category from
// the judge (a maths prompt as maths) without its answers waiting for it, falls back to the patterns when the judge
// fails, and /leaderboard category: ranks within one category, saying which, in the message and leaderboard.json.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpServers, startHttpServers } from '../../src/app/start-http-servers.ts';
import { createCountRecords } from '../../src/records/counting/count-records.ts';
import type { FakeHandler } from '../fakes/openai-server.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { buttonId } from '../fixtures/buttons.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice', 'bob', 'carol'] },
  });
});
afterEach(async () => {
  await http?.close();
  http = null;
  await harness.stop();
});
let http: HttpServers | null = null;

const LETTERS = ['🇦', '🇧', '🇨', '🇩'];
const MATHS_PROMPT = 'What is 17 * 23? Show the steps.';

/** The shipped pipelines' answers; the category judge answers as `judge` says (by the prompt it was given). */
function withCategoryJudge(
  judge: (prompt: string) => { text?: string; status?: number; delayMs?: number },
): FakeHandler {
  const answers = pipelineAnswers();
  return (request, index) => (kindOf(request) === 'category' ? judge(request.user) : answers(request, index));
}
const judgeByPrompt = (prompt: string) => ({
  text: JSON.stringify({ category: /\d/.test(prompt) ? 'maths' : 'chit-chat' }),
});

async function compare(prompt: string, votes: Record<string, string> = {}) {
  const { discord, services } = harness;
  const handle = discord.runSlashCommand({ name: 'compare', userId: discord.userId('alice'), options: { prompt } });
  const message = await handle.waitForOriginal(comparisonDone, 15_000);
  const ballot = (await services.comparisons.findByMessageId(message.id))!;
  if (Object.keys(votes).length > 0) {
    await discord.waitFor(() => discord.reactions(message.id).length === ballot.slots.length + 2 || undefined, {
      timeoutMs: 10_000,
      description: 'the vote reactions',
    });
    for (const [user, pipeline] of Object.entries(votes)) {
      const slot = ballot.slots.findIndex((candidate) => candidate.pipelineId === pipeline);
      discord.addReaction({ userId: discord.userId(user), messageId: message.id, emoji: LETTERS[slot]! });
    }
    await eventually(async () => {
      if ((await services.votes.votesFor(ballot.id)).length !== Object.keys(votes).length) throw new Error('votes');
    });
  }
  return ballot;
}

const TABLE_TITLE = 'Where each technique helps (vs plain, by prompt category)';
const categoryOf = async (id: string) => (await harness.services.comparisons.ballot(id))?.category;

describe('prompt categories', () => {
  it('categorises a maths prompt as maths with the judge, alongside the answers, and counts it', async () => {
    const { model, services } = harness;
    // A slow judge: the answers are all shown before it replies.
    model.respond(withCategoryJudge((prompt) => ({ ...judgeByPrompt(prompt), delayMs: 2500 })));
    const ballot = await compare(MATHS_PROMPT);
    expect(await categoryOf(ballot.id)).toBeUndefined();
    await eventually(async () => {
      expect(await categoryOf(ballot.id)).toEqual({ id: 'maths', source: 'judge' });
    });
    // The reveal says where the comparison's votes count.
    const reveal = await harness.discord
      .clickButton({
        userId: harness.discord.userId('bob'),
        messageId: ballot.messageId!,
        customId: buttonId(harness.discord.message(ballot.messageId!)!, 'Reveal pipelines'),
      })
      .waitForOriginal();
    expect(shownMessage(reveal).text).toContain('-# Prompt category: maths (by the judge model)');
    const judged = model.requests.filter((request) => kindOf(request) === 'category');
    expect(judged).toHaveLength(1);
    expect(judged[0]!.user).toBe(MATHS_PROMPT);
    // The compact record a count reads carries it too.
    await eventually(async () => {
      const records = [];
      for await (const record of createCountRecords(services.store).all()) records.push(record);
      expect(records.find((record) => record.id === ballot.id)?.category).toEqual({ id: 'maths' });
    });
    expect(harness.loggedErrors).toEqual([]);
  }, 30_000);

  it('falls back to the patterns when the judge fails, and says so in the log', async () => {
    harness.model.respond(withCategoryJudge(() => ({ status: 500 })));
    const ballot = await compare(MATHS_PROMPT);
    await eventually(async () => {
      expect(await categoryOf(ballot.id)).toEqual({ id: 'maths', source: 'rules' });
    });
    expect(harness.logged.some((line) => line.level === 'warn' && line.message.includes('fallback patterns'))).toBe(
      true,
    );
  }, 30_000);

  it('/leaderboard category: ranks within one category and says which', async () => {
    const { discord } = harness;
    harness.model.respond(withCategoryJudge(judgeByPrompt));
    const maths = await compare(MATHS_PROMPT, { alice: 'cot', bob: 'cot' });
    const chat = await compare('hello there, how are you?', { alice: 'plain', carol: 'plain' });
    await eventually(async () => {
      expect((await categoryOf(maths.id))?.id).toBe('maths');
      expect((await categoryOf(chat.id))?.id).toBe('chit-chat');
    });
    const run = (options: Record<string, string>) =>
      discord.runSlashCommand({ name: 'leaderboard', userId: discord.userId('bob'), options });

    const reply = await run({ category: 'maths' }).waitForOriginal();
    const shown = shownMessage(reply);
    expect(shown.header).toContain('· category `maths`');
    expect(shown.header).toContain('2 votes** counted');
    expect(shown.header).toContain('2 on prompts of other categories left out (category `maths`)');
    const json = JSON.parse(
      reply.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
    ) as { category: string; rows: { pipeline: string; wins: number }[]; categoryTable: { categories: unknown[] } };
    expect(json.category).toBe('maths');
    expect(json.rows.find((row) => row.pipeline === 'cot')?.wins).toBeGreaterThan(0);
    expect(json.rows.find((row) => row.pipeline === 'plain')?.wins).toBe(0);
    // Fitted from the board's own votes: within maths, that column alone, and no table section.
    expect(json.categoryTable.categories).toEqual([{ category: 'maths', votes: 2 }]);
    expect(shown.blocks.map((block) => block.title)).not.toContain(TABLE_TITLE);

    const all = await run({}).waitForOriginal();
    const table = shownMessage(all).blocks.find((block) => block.title === TABLE_TITLE);
    // Two votes a category: every cell says how few instead of inventing a number.
    expect(table?.text).toMatch(/^cot vs plain: too few votes \(under 10\) against plain: chit-chat 2, maths 2$/m);
    const allJson = JSON.parse(
      all.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
    ) as { category: null; categoryTable: { categories: unknown[] } };
    expect(allJson.category).toBeNull();
    expect(allJson.categoryTable.categories).toEqual([
      { category: 'chit-chat', votes: 2 },
      { category: 'maths', votes: 2 },
    ]);

    const empty = await run({ category: 'code' }).waitForOriginal();
    expect(shownMessage(empty).text).toContain('No vote on a `code` prompt counts toward a rating yet');

    const typo = run({ category: 'math' });
    expect(shownMessage(await typo.waitForOriginal()).text).toContain('There is no prompt category called "math"');
    expect(typo.ephemeral).toBe(true);
  }, 60_000);

  it('the public page and leaderboard.json rank within a category given as ?category=, and say which', async () => {
    const { discord } = harness;
    harness.model.respond(withCategoryJudge(judgeByPrompt));
    const publish = discord.runSlashCommand({
      name: 'config',
      subcommand: 'publish',
      userId: discord.userId('admin'),
      options: { state: 'on' },
    });
    expect((await publish.waitForOriginal()).content).toMatch(/^✅ Saved\./);
    const maths = await compare(MATHS_PROMPT, { alice: 'cot', bob: 'cot' });
    const chat = await compare('hello there, how are you?', { alice: 'plain' });
    await eventually(async () => {
      expect((await categoryOf(maths.id))?.id).toBe('maths');
      expect((await categoryOf(chat.id))?.id).toBe('chit-chat');
    });
    http = await startHttpServers({
      settings: { METRICS_HOST: '127.0.0.1', WEB_HOST: '127.0.0.1', METRICS_PORT: undefined, WEB_PORT: 0 },
      shardId: null,
      client: harness.bot.client,
      services: harness.services,
    });
    const line = http.lines.find((candidate) => candidate.includes('leaderboard page'))!;
    const url = line.slice(line.indexOf('http://'));

    const all = await (await fetch(url)).text();
    expect(all).toContain('Ranking every prompt category · <b>all</b> · <a href="/?category=safety-sensitive">');
    expect(all).toContain(' · <a href="/?category=maths">maths</a> · ');
    // Two categories: the table is there, every cell too thin to give a number yet.
    expect(all).toContain('<th>maths (2)</th><th>chit-chat (1)</th>');
    expect(all).toContain('<tr><td>cot vs plain</td><td class="thin">2 votes</td><td class="thin">1 vote</td></tr>');
    expect(all).toContain('3 votes cast');
    const page = await (await fetch(new URL('/?category=maths', url))).text();
    expect(page).toContain('Ranking only prompts in the category <b>maths</b>');
    expect(page).toContain('3 votes cast · 2 votes rated · 1 on prompts of other categories left out');
    const json = (await (await fetch(new URL('/leaderboard.json?category=maths', url))).json()) as {
      category: string;
      counts: { rated: number };
    };
    expect(json).toMatchObject({ category: 'maths', counts: { rated: 2 } });
    const unknown = await fetch(new URL('/?category=sums', url));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('no prompt category "sums"; known: safety-sensitive, maths, code');
  }, 60_000);
});
