// Vote hygiene end to end through the fake Discord: the leak guard (an answer that gives its technique away
// flags its comparison), the per-user daily vote cap (VOTES_PER_DAY, or a server's /config vote-cap), and reason
// tags given with the "Why?" button.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { ExportMetaLine, RawLine } from '../../src/export/schemas.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { buttonId } from '../fixtures/buttons.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import type { FakeHandler } from '../fakes/openai-server.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
const USERS = [{ username: 'admin', permissions: ['ManageGuild' as const] }, 'alice', 'bob', 'carol'];
const start = async (env: Record<string, string> = {}) => {
  harness = await startHarness({ env, discord: { users: USERS } });
  harness.model.respond(pipelineAnswers());
};
afterEach(async () => {
  await harness.stop();
});

const LETTERS = ['🇦', '🇧', '🇨', '🇩'];
const run = (
  user: string,
  name: string,
  options: Record<string, string | number | boolean> = {},
  subcommand?: string,
) =>
  harness.discord.runSlashCommand({
    name,
    userId: harness.discord.userId(user),
    options,
    ...(subcommand === undefined ? {} : { subcommand }),
  });
const linesOf = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

/** cot's final answer opens with the zero-shot CoT trigger, as a model that repeats its instructions would. */
function leakyCot(): FakeHandler {
  const answers = pipelineAnswers();
  return (request, index) =>
    kindOf(request) === 'extract' ? { text: "Let's think step by step. Reply bravo." } : answers(request, index);
}

/** A four-slot /compare and one reaction per voter, named by pipeline; returns the ballot once every vote is stored. */
async function compareAndVote(
  votes: Record<string, string>,
  expectedVotes = Object.keys(votes).length,
): Promise<{ ballot: Ballot; messageId: string }> {
  const { discord, services } = harness;
  const handle = run('alice', 'compare', { prompt: 'Which cat name is best?' });
  const message = await handle.waitForOriginal(comparisonDone, 15_000);
  await discord.waitFor(() => discord.reactions(message.id).length === 6 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });
  const ballot = (await services.comparisons.findByMessageId(message.id))!;
  for (const [user, choice] of Object.entries(votes)) {
    const slot = ballot.slots.findIndex((candidate) => candidate.pipelineId === choice);
    discord.addReaction({ userId: discord.userId(user), messageId: message.id, emoji: LETTERS[slot]! });
  }
  await eventually(
    async () => {
      const stored = await services.votes.votesFor(ballot.id);
      if (stored.length !== expectedVotes) throw new Error(`${stored.length} votes stored`);
    },
    { description: 'every vote in the store' },
  );
  return { ballot: (await services.comparisons.ballot(ballot.id))!, messageId: message.id };
}

describe('leak guard', () => {
  beforeEach(() => start());

  it('flags a comparison whose answer says "Let\'s think step by step": reveal says so, its votes leave the ratings and are marked in exports', async () => {
    const { discord } = harness;
    const clean = await compareAndVote({ alice: 'cot', bob: 'rules' });
    expect(clean.ballot.leaks).toEqual([]);
    harness.model.respond(leakyCot());
    const leaky = await compareAndVote({ alice: 'cot', carol: 'cot' });
    const cotSlot = leaky.ballot.slots.findIndex((slot) => slot.pipelineId === 'cot');
    expect(leaky.ballot.leaks).toEqual([{ slot: cotSlot, marker: "Let's think step by step" }]);
    // Still shown to voters, blind.
    expect(shownMessage(discord.message(leaky.messageId)!).text).toContain("Let's think step by step. Reply bravo.");

    const click = discord.clickButton({
      userId: discord.userId('bob'),
      messageId: leaky.messageId,
      customId: buttonId(discord.message(leaky.messageId)!, 'Reveal pipelines'),
    });
    const reveal = await click.waitForOriginal();
    expect(shownMessage(reveal).header).toContain(
      `⚠️ **Not fully blind:** ${'ABCD'[cotSlot]} contains “Let's think step by step”`,
    );
    expect(shownMessage(reveal).header).toContain('left out of the rankings by default');

    const board = await run('bob', 'leaderboard').waitForOriginal();
    expect(shownMessage(board).header).toContain('2 votes** counted');
    expect(shownMessage(board).header).toContain(
      '2 on comparisons whose answers gave their technique away left out (leak guard)',
    );
    const cotVotes = (reply: typeof board) =>
      (
        JSON.parse(reply.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8')) as {
          rows: { pipeline: string; votes: number }[];
        }
      ).rows.find((row) => row.pipeline === 'cot')?.votes;
    expect(cotVotes(board)).toBe(2);

    const included = await run('bob', 'leaderboard', { 'include-flagged': true }).waitForOriginal();
    expect(shownMessage(included).header).toContain('4 votes** counted');
    expect(shownMessage(included).header).toContain('votes on leak-flagged comparisons included');
    expect(cotVotes(included)).toBe(4);

    const exported = await run('admin', 'export', { format: 'raw' }).waitForOriginal();
    const raw = linesOf(exported.attachments[0]!.bytes).map((line) => RawLine.parse(line));
    const meta = linesOf(exported.attachments[1]!.bytes).map((line) => ExportMetaLine.parse(line));
    expect(raw.map((line) => [line.comparisonId, line.leaked]).sort()).toEqual(
      [
        [clean.ballot.id, false],
        [clean.ballot.id, false],
        [leaky.ballot.id, true],
        [leaky.ballot.id, true],
      ].sort(),
    );
    expect(meta.filter((line) => line.leaked).map((line) => line.comparisonId)).toEqual([
      leaky.ballot.id,
      leaky.ballot.id,
    ]);
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});

describe('daily vote cap', () => {
  beforeEach(() => start({ VOTES_PER_DAY: '1' }));

  it('keeps the vote past VOTES_PER_DAY with its reaction, flags it and leaves it out of the ratings', async () => {
    const { discord, services } = harness;
    const first = await compareAndVote({ alice: 'cot', bob: 'rules' });
    const second = await compareAndVote({ alice: 'rules', bob: 'cot' });
    const voteOf = async (user: string, comparisonId: string) =>
      services.votes.liveVote(comparisonId, services.hashUser(discord.userId(user)));
    expect((await voteOf('alice', first.ballot.id))?.overCap).toBeUndefined();
    expect((await voteOf('alice', second.ballot.id))?.overCap).toBe(true);
    expect((await voteOf('bob', second.ballot.id))?.overCap).toBe(true);
    // The reaction stays where the voter put it.
    expect(
      discord.reactions(second.messageId).filter((reaction) => reaction.userIds.includes(discord.userId('alice'))),
    ).toHaveLength(1);

    // Changing the flagged vote keeps the flag: it is still the second comparison of the day.
    const rulesSlot = second.ballot.slots.findIndex((slot) => slot.pipelineId === 'rules');
    discord.addReaction({
      userId: discord.userId('alice'),
      messageId: second.messageId,
      emoji: LETTERS[(rulesSlot + 1) % 4]!,
    });
    await eventually(
      async () => {
        const vote = await voteOf('alice', second.ballot.id);
        if (vote?.choice.kind === 'pick' && vote.choice.slot === rulesSlot) throw new Error('vote not changed yet');
      },
      { description: 'the changed vote' },
    );
    expect((await voteOf('alice', second.ballot.id))?.overCap).toBe(true);

    const board = await run('carol', 'leaderboard').waitForOriginal();
    expect(shownMessage(board).header).toContain('2 votes** counted');
    expect(shownMessage(board).header).toContain('2 past a voter’s daily vote cap left out');
    const included = await run('carol', 'leaderboard', { 'include-flagged': true }).waitForOriginal();
    expect(shownMessage(included).header).toContain('4 votes** counted');

    const exported = await run('admin', 'export', { format: 'raw' }).waitForOriginal();
    const raw = linesOf(exported.attachments[0]!.bytes).map((line) => RawLine.parse(line));
    expect(raw.filter((line) => line.overCap).map((line) => line.comparisonId)).toEqual([
      second.ballot.id,
      second.ballot.id,
    ]);
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});

describe('daily vote cap set per server', () => {
  beforeEach(() => start({ VOTES_PER_DAY: '1' }));

  it('/config vote-cap replaces VOTES_PER_DAY for this server: it decides which votes are past the cap, and /config shows it', async () => {
    const { discord, services } = harness;
    const config = async (options: Record<string, number>, subcommand: string) =>
      (await run('admin', 'config', options, subcommand).waitForOriginal()).content;
    const capLine = 'Daily vote cap per member (votes past it are kept but left out of the ratings):';
    expect(await config({}, 'show')).toContain(`${capLine} 1 _(default)_`);
    expect(await config({ 'votes-per-day': -1 }, 'vote-cap')).toBe(
      '⚠️ `votes-per-day` must be from 0 to 10000 (0 = no cap); you gave -1. Nothing was changed.',
    );
    const saved = await config({ 'votes-per-day': 2 }, 'vote-cap');
    expect(saved).toMatch(/^✅ Saved\./);
    expect(saved).toContain(`${capLine} 2\n`);

    const overCap = async (choice: string) => {
      const { ballot } = await compareAndVote({ alice: choice });
      return (await services.votes.liveVote(ballot.id, services.hashUser(discord.userId('alice'))))?.overCap ?? false;
    };
    // With VOTES_PER_DAY=1 the second would be past the cap; this server allows two.
    expect([await overCap('cot'), await overCap('rules'), await overCap('plain')]).toEqual([false, false, true]);
    expect(await config({ 'votes-per-day': 0 }, 'vote-cap')).toContain(`${capLine} no cap\n`);
    expect(await overCap('constitution')).toBe(false);

    const board = await run('carol', 'leaderboard').waitForOriginal();
    expect(shownMessage(board).header).toContain('3 votes** counted');
    expect(shownMessage(board).header).toContain('1 past a voter’s daily vote cap left out');
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});

describe('reason tags', () => {
  beforeEach(() => start());

  it('"Why?" tags the voter’s own vote privately; the tags reach /export raw, the sidecar and the leaderboard, and a changed vote drops them', async () => {
    const { discord, services } = harness;
    const { ballot, messageId } = await compareAndVote({ alice: 'cot', bob: 'rules' });
    const message = discord.message(messageId)!;
    const why = buttonId(message, 'Why?');

    const carolClick = discord.clickButton({ userId: discord.userId('carol'), messageId, customId: why });
    const carolReply = await carolClick.waitForOriginal();
    expect(carolClick.ephemeral).toBe(true);
    expect(carolReply.content).toContain('Vote first');

    const click = discord.clickButton({ userId: discord.userId('alice'), messageId, customId: why });
    const menuMessage = await click.waitForOriginal();
    expect(click.ephemeral).toBe(true);
    const cotLetter = ballot.slots.find((slot) => slot.pipelineId === 'cot')!.letter;
    expect(menuMessage.content).toContain(`Why did you vote **${cotLetter}**?`);
    const menu = JSON.parse(JSON.stringify(menuMessage.components)) as {
      components: { custom_id: string; options: { value: string }[] }[];
    }[];
    const select = menu[0]!.components[0]!;
    expect(select.options.map((option) => option.value)).toEqual([
      'helpful',
      'correct',
      'clear',
      'concise',
      'over-refused',
      'evasive',
      'preachy',
      'wrong',
      'unsafe',
    ]);

    const chosen = discord.selectMenu({
      userId: discord.userId('alice'),
      messageId: menuMessage.id,
      customId: select.custom_id,
      values: ['helpful', 'clear'],
    });
    const saved = await chosen.waitForOriginal((candidate) => candidate.content.startsWith('Thanks'));
    expect(saved.content).toContain('**Helpful**, **Clear**');
    const alice = services.hashUser(discord.userId('alice'));
    expect((await services.votes.liveVote(ballot.id, alice))?.tags).toEqual(['clear', 'helpful']);

    const board = await run('bob', 'leaderboard').waitForOriginal();
    const reasons = shownMessage(board).blocks.find((block) => block.title.startsWith('Why voters picked them'));
    expect(reasons?.text).toBe('**cot**: clear 1 · helpful 1');
    const json = JSON.parse(
      board.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
    ) as { rows: { pipeline: string; reasonTags: unknown }[] };
    expect(json.rows.find((row) => row.pipeline === 'cot')?.reasonTags).toEqual([
      { tag: 'clear', count: 1 },
      { tag: 'helpful', count: 1 },
    ]);

    const exported = await run('admin', 'export', { format: 'raw' }).waitForOriginal();
    const raw = linesOf(exported.attachments[0]!.bytes).map((line) => RawLine.parse(line));
    expect(raw.map((line) => line.tags).sort()).toEqual([[], ['clear', 'helpful']].sort());
    const kto = await run('admin', 'export', { format: 'kto' }).waitForOriginal();
    const ktoMeta = linesOf(kto.attachments[1]!.bytes).map((line) => ExportMetaLine.parse(line));
    expect(
      ktoMeta.filter((line) => line.voterHashes.includes(alice)).every((line) => line.tags?.join() === 'clear,helpful'),
    ).toBe(true);

    // A changed vote is a new judgement: its old reasons go.
    discord.addReaction({ userId: discord.userId('alice'), messageId, emoji: '🤝' });
    await eventually(
      async () => {
        if ((await services.votes.liveVote(ballot.id, alice))?.choice.kind !== 'tie')
          throw new Error('vote not changed yet');
      },
      { description: 'the changed vote' },
    );
    expect((await services.votes.liveVote(ballot.id, alice))?.tags).toBeUndefined();
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);
});
