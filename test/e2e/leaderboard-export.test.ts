// /leaderboard and /export end to end: real votes by reaction on a real /compare, read back through the
// real bot. The leaderboard shows ratings and the position-bias check; /export is for Manage Server only and
// hands out files whose every line passes its format's schema and carries no raw Discord user id.
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import type { Ballot } from '../../src/records/comparisons/stored-records.ts';
import { EXPORT_FORMATS, EXPORT_LINE_SCHEMAS, ExportMetaLine, KtoLine } from '../../src/export/schemas.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice', 'bob', 'carol'] },
    servedModels: ['model-one', 'model-two'],
  });
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await harness.stop();
});

const LETTERS = ['🇦', '🇧', '🇨', '🇩', '🇪', '🇫', '🇬', '🇭'];
const run = (
  user: string,
  name: string,
  options: Record<string, string | number | boolean> = {},
  extra: { guildId?: null; memberPermissions?: [] } = {},
) => harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options, ...extra });

/**
 * A /compare (four slots unless `options` choose pipelines or models), then one reaction per voter, named by pipeline
 * ('cot'), by pipeline and model ('cot · model-two') or by 'tie' / 'all-bad'.
 */
async function compareAndVote(votes: Record<string, string>, options: Record<string, string> = {}): Promise<Ballot> {
  const { discord, services } = harness;
  const handle = run('alice', 'compare', { prompt: 'Which cat name is best?', ...options });
  const message = await handle.waitForOriginal(comparisonDone, 15_000);
  const comparison = (await services.comparisons.findByMessageId(message.id))!;
  await discord.waitFor(() => discord.reactions(message.id).length === comparison.slots.length + 2 || undefined, {
    timeoutMs: 10_000,
    description: 'the vote reactions',
  });
  for (const [user, choice] of Object.entries(votes)) {
    const slot = comparison.slots.findIndex(
      (candidate) => candidate.pipelineId === choice || `${candidate.pipelineId} · ${candidate.model}` === choice,
    );
    const emoji = choice === 'tie' ? '🤝' : choice === 'all-bad' ? '👎' : LETTERS[slot]!;
    discord.addReaction({ userId: discord.userId(user), messageId: message.id, emoji });
  }
  await eventually(
    async () => {
      const stored = await services.votes.votesFor(comparison.id);
      if (stored.length !== Object.keys(votes).length) throw new Error(`${stored.length} votes stored`);
    },
    { description: 'every vote in the store' },
  );
  return comparison;
}

const linesOf = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

describe('/leaderboard', () => {
  it('ranks the pipelines from this server’s votes, with ratings, the position-bias check and the numbers as JSON', async () => {
    await compareAndVote({ alice: 'cot', bob: 'cot', carol: 'rules' });
    const handle = run('bob', 'leaderboard');
    const reply = await handle.waitForOriginal();
    expect(handle.responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(handle.ephemeral).toBe(false);

    const shown = shownMessage(reply);
    for (const pipeline of ['plain', 'cot', 'rules', 'constitution'])
      expect(shown.header).toMatch(new RegExp(`^\\s*\\d+(–\\d+)? ${pipeline}\\s+\\d+ `, 'm'));
    expect(shown.header).toMatch(/plain\s+1000 anchor/);
    expect(shown.header).toContain('3 votes** counted');
    const bias = shown.blocks.find((block) => block.title.startsWith('Position bias'));
    expect(bias?.text).toMatch(
      /1 comparison, first decisive pick each: A \d+ \(\d+%\) · B \d+ .*\nχ² = \d+\.\d\d, df = 3 → too few comparisons to judge yet \(p = [\d.]+/,
    );
    expect(bias?.text).toContain('Bradley–Terry');

    const file = reply.attachments.find((attachment) => attachment.filename === 'leaderboard.json');
    const board = JSON.parse(file?.bytes.toString('utf8') ?? '{}') as {
      scope: string;
      rows: { pipeline: string; rating: number; provisional: boolean }[];
    };
    expect(board.scope).toBe('server');
    const rating = (id: string) => board.rows.find((row) => row.pipeline === id)?.rating ?? Number.NaN;
    expect(rating('cot')).toBeGreaterThan(rating('rules'));
    expect(rating('rules')).toBeGreaterThan(rating('plain'));
    expect(board.rows.every((row) => row.provisional)).toBe(true);

    expect(reply.attachments.map((attachment) => attachment.filename)).toEqual([
      'leaderboard-ratings.png',
      'leaderboard-head-to-head.png',
      'leaderboard.json',
    ]);
    const chart = PNG.sync.read(reply.attachments[0]!.bytes);
    expect(chart.data.some((value, offset) => offset % 4 !== 3 && value < 200)).toBe(true);
    expect(harness.loggedErrors).toEqual([]);
  }, 30_000);

  it('serves the stored board at once when votes changed since, then edits in the recount', async () => {
    await compareAndVote({ alice: 'cot' });
    const first = await run('bob', 'leaderboard').waitForOriginal();
    expect(shownMessage(first).header).toMatch(/Counted <t:\d+:R>\n/);
    expect(shownMessage(first).header).toContain('1 vote** counted');

    await compareAndVote({ bob: 'rules', carol: 'rules' });
    const handle = run('bob', 'leaderboard');
    const updated = await handle.waitForOriginal(
      (message) => shownMessage(message).header.includes('3 votes** counted'),
      15_000,
    );
    expect(shownMessage(updated).header).not.toContain('recounting');
    // What readers saw first: the stored board, at once, saying it is being recounted.
    const shown = updated.versions.find((version) => shownMessage(version).header.includes('Leaderboard'));
    expect(shownMessage(shown!).header).toContain('1 vote** counted');
    expect(shownMessage(shown!).header).toContain(
      'votes have changed since: recounting, this message updates itself when done',
    );
    const json = JSON.parse(
      updated.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
    ) as { countedAt: string };
    expect(Date.parse(json.countedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(harness.loggedErrors).toEqual([]);
  }, 45_000);

  it('says how to start when there are no votes yet', async () => {
    const reply = await run('alice', 'leaderboard').waitForOriginal();
    expect(shownMessage(reply).header).toContain('No votes yet: run /compare and react to vote.');
    expect(reply.attachments).toEqual([]);
  });

  it('counts only this server’s votes by default, and every server’s with scope: all servers', async () => {
    const comparison = await compareAndVote({ alice: 'cot' });
    await harness.services.votes.applyReaction(
      {
        comparisonId: comparison.id,
        voterHash: 'elsewhere',
        choice: { kind: 'pick', slot: 0 },
        guildId: 'another-server',
        afterReveal: false,
        at: new Date(),
      },
      'add',
    );
    const counted = async (options: Record<string, string>) => {
      const reply = await run('alice', 'leaderboard', options).waitForOriginal();
      return /\*\*(\d+) votes?\*\* counted/.exec(shownMessage(reply).header)?.[1];
    };
    expect(await counted({})).toBe('1');
    expect(await counted({ scope: 'global' })).toBe('2');
  }, 30_000);

  it('can count only matched-model comparisons and pool pipeline versions, and says so in the title', async () => {
    await compareAndVote({ alice: 'cot', bob: 'rules' });
    const reply = await run('alice', 'leaderboard', { 'matched-only': true, versions: 'pool' }).waitForOriginal();
    expect(shownMessage(reply).header).toContain(
      '**Leaderboard · this server** · matched models only · versions pooled',
    );
    // The default pipelines draft at different temperatures (cot at 0, plain at 0.7), so this comparison is not matched.
    expect(shownMessage(reply).header).toContain('**0 votes** counted');
    expect(shownMessage(reply).header).toContain(
      '2 on comparisons mixing models or parameters left out (matched only)',
    );
    const all = await run('alice', 'leaderboard', { versions: 'pool' }).waitForOriginal();
    expect(shownMessage(all).header).toContain('**2 votes** counted');
    expect(shownMessage(all).header).not.toMatch(/@[0-9a-f]{8}/);
  }, 30_000);

  it('finds intervals by the bootstrap and balances pair weights when asked, and says so in the title, footer and leaderboard.json', async () => {
    await compareAndVote({ alice: 'cot', bob: 'rules' });
    type Json = { settings: object; rows: { pipeline: string; rankSpread: number[]; flip: object | null }[] };
    const jsonOf = (reply: { attachments: { filename: string; bytes: Buffer }[] }) =>
      JSON.parse(
        reply.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
      ) as Json;
    const usual = await run('alice', 'leaderboard').waitForOriginal();
    expect(jsonOf(usual).settings).toMatchObject({ intervals: 'sandwich', weights: 'none' });
    expect(shownMessage(usual).blocks.at(-1)?.text).toContain(
      '95% CI from the sandwich estimator with the comparison (all its votes) as the cluster',
    );
    expect(jsonOf(usual).rows.every((row) => row.rankSpread.length === 2)).toBe(true);
    expect(jsonOf(usual).rows.at(-1)!.flip).toBeNull();
    const asked = await run('alice', 'leaderboard', { intervals: 'bootstrap', weights: 'balanced' }).waitForOriginal();
    expect(shownMessage(asked).header).toContain(
      '**Leaderboard · this server** · bootstrap intervals · balanced pair weights',
    );
    expect(shownMessage(asked).blocks.at(-1)?.text).toContain(
      'Balanced weights: each pair of rows weighs the same, however often it met. 95% CI from a 1000-round bootstrap over comparisons',
    );
    expect(jsonOf(asked).settings).toMatchObject({ intervals: 'bootstrap', weights: 'balanced' });
  }, 30_000);

  it('ranks (technique, model) cells with by-model, and the techniques within one model with model:, from a /compare crossed with models', async () => {
    await compareAndVote(
      { alice: 'cot · model-two', bob: 'cot · model-one', carol: 'plain · model-one' },
      { pipelines: 'plain, cot', models: 'model-one, model-two' },
    );
    type Json = {
      rows: { pipeline: string; technique: string; model: string | null; wins: number; losses: number }[];
      settings: object;
      counts: object;
    };
    const jsonOf = (reply: { attachments: { filename: string; bytes: Buffer }[] }) =>
      JSON.parse(
        reply.attachments.find((file) => file.filename === 'leaderboard.json')!.bytes.toString('utf8'),
      ) as Json;

    const cells = await run('bob', 'leaderboard', { 'by-model': true }).waitForOriginal();
    expect(shownMessage(cells).header).toContain('**Leaderboard · this server** · by model');
    for (const cell of ['cot · model-one', 'cot · model-two', 'plain · model-one', 'plain · model-two'])
      expect(shownMessage(cells).header).toMatch(new RegExp(`^\\s*\\d+(–\\d+)? ${cell}\\s+\\d+ `, 'm'));
    const byCell = jsonOf(cells);
    expect(byCell.settings).toMatchObject({ byModel: true, model: null });
    expect(byCell.rows.map((row) => [row.pipeline, row.technique, row.model, row.wins, row.losses]).sort()).toEqual([
      ['cot · model-one', 'cot', 'model-one', 3, 2],
      ['cot · model-two', 'cot', 'model-two', 3, 2],
      ['plain · model-one', 'plain', 'model-one', 3, 2],
      ['plain · model-two', 'plain', 'model-two', 0, 3],
    ]);

    // Within model-one only its two answers take part: alice picked an answer by model-two, which gives no outcome.
    const within = await run('bob', 'leaderboard', { model: 'model-one' }).waitForOriginal();
    expect(shownMessage(within).header).toContain('**Leaderboard · this server** · model `model-one`');
    expect(shownMessage(within).header).toContain(
      '1 gave no outcome (fewer than two finished answers, or a failed answer picked, or an answer by another model)',
    );
    expect(
      jsonOf(within)
        .rows.map((row) => [row.pipeline, row.wins, row.losses])
        .sort(),
    ).toEqual([
      ['cot', 1, 1],
      ['plain', 1, 1],
    ]);
    expect(jsonOf(within).counts).toMatchObject({ given: 3, rated: 2, withoutOutcomes: 1, otherModel: 0 });

    const none = await run('bob', 'leaderboard', { model: 'gpt-4o-mini' }).waitForOriginal();
    expect(shownMessage(none).header).toContain('No vote counts toward a rating yet');
    expect(shownMessage(none).header).toContain(
      '3 on comparisons without two answers by `gpt-4o-mini` left out (their answers came from `model-one`, `model-two`)',
    );
    expect(harness.loggedErrors).toEqual([]);
  }, 30_000);

  it('marks pipelines below min-votes as provisional and explains the mark', async () => {
    await compareAndVote({ alice: 'cot' });
    const reply = await run('alice', 'leaderboard', { 'min-votes': 5 }).waitForOriginal();
    expect(shownMessage(reply).header).toContain('min-votes 5');
    expect(shownMessage(reply).header).toMatch(/^\s*1(–\d)? cot .* ocvw?mL$/m); // one vote: the sandwich calls its interval wide
    expect(shownMessage(reply).header).toContain('m fewer than 5 votes (min-votes)');
  }, 30_000);
});

describe('/export', () => {
  it('is refused, privately, to members without Manage Server and in direct messages', async () => {
    await compareAndVote({ alice: 'cot' });
    const refused = run('alice', 'export', { format: 'kto' }, { memberPermissions: [] });
    expect((await refused.waitForOriginal()).content).toContain('/export needs the Manage Server permission');
    expect(refused.ephemeral).toBe(true);
    expect(refused.original()?.attachments).toEqual([]);
    const inDm = run('admin', 'export', { format: 'kto' }, { guildId: null });
    expect((await inDm.waitForOriginal()).content).toContain('works in a server');
  }, 30_000);

  it('is registered for Manage Server members only', () => {
    const registered = harness.discord.commands(harness.discord.guildId).find((command) => command.name === 'export');
    expect(registered?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
  });

  it('sends every format privately as JSONL plus a sidecar, each line valid and free of Discord user ids', async () => {
    const { discord, services } = harness;
    await compareAndVote({ alice: 'cot', bob: 'plain', carol: 'all-bad' });
    const rawIds = ['admin', 'alice', 'bob', 'carol'].map((user) => discord.userId(user));
    for (const format of EXPORT_FORMATS) {
      const handle = run('admin', 'export', { format });
      const reply = await handle.waitForOriginal();
      expect(handle.ephemeral).toBe(true);
      const day = new Date().toISOString().slice(0, 10);
      const [data, meta] = reply.attachments;
      expect(data?.filename).toBe(`${format}-${discord.guildId}-${day}.jsonl`);
      expect(meta?.filename).toBe(`${format}-${discord.guildId}-${day}.meta.jsonl`);
      const lines = linesOf(data!.bytes);
      const metaLines = linesOf(meta!.bytes);
      expect(lines.length).toBeGreaterThan(0);
      expect(metaLines).toHaveLength(lines.length);
      for (const line of lines) expect(EXPORT_LINE_SCHEMAS[format].safeParse(line).error).toBeUndefined();
      for (const line of metaLines)
        expect(ExportMetaLine.parse(line).voterHashes.every((hash) => hash.length > 0)).toBe(true);
      for (const text of [data!.bytes.toString('utf8'), meta!.bytes.toString('utf8')]) {
        for (const id of rawIds) expect(text).not.toContain(id);
      }
      expect(shownMessage(reply).header).toMatch(
        new RegExp(`^Wrote ${lines.length} lines? of ${format} \\(one record set per vote\\) from 3 votes\\.`),
      );
    }
    const voters = new Set((await services.votes.allVotes()).map((vote) => vote.voterHash));
    expect(voters).toEqual(new Set(['alice', 'bob', 'carol'].map((user) => services.hashUser(discord.userId(user)))));
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);

  it('labels the picked answer true and every answer of an all-bad vote false in KTO', async () => {
    await compareAndVote({ alice: 'cot', carol: 'all-bad' });
    const reply = await run('admin', 'export', { format: 'kto' }).waitForOriginal();
    const lines = linesOf(reply.attachments[0]!.bytes).map((line) => KtoLine.parse(line));
    expect(lines.filter((line) => line.label).map((line) => line.completion[0].content)).toEqual(['Reply bravo.']);
    expect(lines.filter((line) => !line.label)).toHaveLength(4);
    expect(lines.every((line) => line.prompt[0]?.content === 'Which cat name is best?')).toBe(true);
  }, 30_000);

  it('says so instead of sending empty files, and explains a badly written since date', async () => {
    await compareAndVote({ alice: 'cot' });
    const future = await run('admin', 'export', { format: 'trl-dpo', since: '2999-01-01' }).waitForOriginal();
    expect(shownMessage(future).header).toContain('Nothing to export with these options.');
    expect(shownMessage(future).header).toContain('1 vote before the since date');
    expect(future.attachments).toEqual([]);
    const typo = run('admin', 'export', { format: 'trl-dpo', since: '01/11/2026' });
    expect((await typo.waitForOriginal()).content).toContain('since must be a day written YYYY-MM-DD');
    expect(typo.ephemeral).toBe(true);
  }, 30_000);
});
