// A pre-registered experiment end to end, through the real bot against the fake Discord and model server: an admin
// creates and starts it (the frozen plan and its hash are posted), /compare in its channel shows its two arms blind,
// voters prefer `cot` (scripted), /experiment status shows the evidence growing, the bot restarts, and the
// experiment stops by itself with `cot` as the winner, posting its result, plan and the dataset of the votes it
// used. A style ablation shows one run twice. The same plan then runs as a replication in a second server, a voter
// asks to be forgotten, and `npm run experiment -- --combine` pools both without his votes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { registerCommands } from '../../src/bot/register-commands.ts';
import { experimentEvidence } from '../../src/export/experiment-evidence.ts';
import type { SlashOptionValue } from '../fakes/discord/slash-options.ts';
import type { StoredMessage } from '../fakes/discord/state.ts';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf, techniqueScript } from '../fixtures/technique-script.ts';
import { eventually } from '../fixtures/eventually.ts';
import { privateReply } from '../fixtures/private-reply.ts';
import { runCli } from '../fixtures/run-cli.ts';

const SECOND_GUILD = '900000000000000001';
const NAME = 'cot beats plain';
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    discord: {
      guilds: [{ name: 'Dialog Lab' }, { name: 'Replica', id: SECOND_GUILD, channels: ['lab'] }],
      users: [{ username: 'alice', permissions: ['ManageGuild'] }, 'bob', 'carol', 'dave'],
    },
  });
  harness.model.respond(pipelineAnswers());
  const { discord } = harness;
  await registerCommands(
    { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, guildId: SECOND_GUILD },
    commands,
  );
}, 30_000);
afterAll(async () => {
  await harness.stop();
});

const run = (
  name: string,
  user: string,
  options: Record<string, SlashOptionValue>,
  extra: { subcommand?: string; guildId?: string; channelId?: string } = {},
) => harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options, ...extra });
const experiment = (
  subcommand: string,
  options: Record<string, SlashOptionValue> = {},
  guildId?: string,
  user = 'alice',
) => run('experiment', user, options, { subcommand, ...(guildId ? { guildId } : {}) });

/** Runs one /compare and scripts its votes: carol always picks cot; dave picks cot except every fourth time. */
async function compareAndVote(round: number, guildId?: string): Promise<StoredMessage> {
  const { discord, services } = harness;
  const handle = run('compare', 'bob', { prompt: `Question number ${round}?` }, guildId ? { guildId } : {});
  const message = await handle.waitForOriginal((candidate) => candidate.components.length > 0, 20_000);
  await discord.waitFor(() => discord.reactions(message.id).length >= 4 || undefined, { timeoutMs: 10_000 });
  // Voters read the answers first: a vote cast before the answer it picks is in does not count.
  const stored = await eventually(
    async () => {
      const found = await services.comparisons.findByMessageId(message.id);
      if (found?.status !== 'done') throw new Error(`comparison ${found?.status ?? 'not stored'}`);
      return found;
    },
    { timeoutMs: 20_000, description: 'the answers' },
  );
  const slots = stored.slots;
  expect(slots.map((slot) => slot.pipelineId).sort()).toEqual(['cot', 'plain']);
  const letter = (pipelineId: string) => ['🇦', '🇧'][slots.findIndex((slot) => slot.pipelineId === pipelineId)]!;
  discord.addReaction({ userId: discord.userId('carol'), messageId: message.id, emoji: letter('cot') });
  discord.addReaction({
    userId: discord.userId('dave'),
    messageId: message.id,
    emoji: letter(round % 4 === 3 ? 'plain' : 'cot'),
  });
  await eventually(async () => expect(await services.votes.votesFor(stored.id)).toHaveLength(2), {
    timeoutMs: 10_000,
    description: 'both votes stored',
  });
  return message;
}

const resultPost = (channelId: string) =>
  harness.discord
    .messages(channelId)
    .find((message) => message.content.includes('🏁') || message.content.includes('🛑'));

let planHash = '';
let planJson = '';

describe('an experiment', () => {
  it('refuses members without Manage Server, kindly and privately', async () => {
    const handle = experiment('list', {}, undefined, 'bob');
    const reply = await privateReply(harness.discord, handle);
    expect(reply.content).toContain('needs the Manage Server permission');
  });

  it('explains a plan it cannot take, privately', async () => {
    const refusal = async (options: Record<string, SlashOptionValue>) =>
      (
        await privateReply(
          harness.discord,
          experiment('create', { name: 'x', hypothesis: 'y', 'minimum-effect': 0.1, ...options }),
        )
      ).content;
    expect(await refusal({ arms: 'cot, tree-of-thought' })).toContain('arm `tree-of-thought` names no pipeline');
    expect(await refusal({ arms: 'cot|bold, plain' })).toContain('there is no transform “bold”');
    expect(await refusal({ arms: 'cot, plain', channels: '<#123456789012>' })).toContain(
      'is not a channel of this server',
    );
    expect(await refusal({ arms: 'cot, plain', category: 'mathz' })).toContain(
      'There is no prompt category called "mathz". Pick one of: `safety-sensitive`, `maths`',
    );
  });

  it('is created, frozen and posted publicly with its hash', async () => {
    const created = await privateReply(
      harness.discord,
      experiment('create', {
        name: NAME,
        arms: 'cot, plain',
        hypothesis: 'Chain-of-thought answers are preferred',
        'minimum-effect': 0.3,
      }),
    );
    expect(created.content).toContain('written as a draft');
    const started = await experiment('start', { name: NAME }).waitForOriginal();
    expect(started.ephemeral).toBe(false);
    expect(started.content).toContain('plan is frozen');
    planHash = /`([0-9a-f]{64})`/.exec(started.content)?.[1] ?? '';
    expect(planHash).toMatch(/^[0-9a-f]{64}$/);
    const plan = started.attachments.find((file) => file.filename.endsWith('-plan.json'));
    planJson = plan?.text ?? '';
    expect(JSON.parse(plan?.text ?? '{}')).toMatchObject({
      name: NAME,
      arms: ['cot', 'plain'],
      alpha: 0.05,
      power: 0.8,
    });
    expect(
      createHash('sha256')
        .update(plan?.bytes ?? '')
        .digest('hex'),
    ).toBe(planHash); // anyone can check it
  });

  it('shows its arms in /compare, reports status, and stops by itself with the right winner', async () => {
    const channelId = harness.discord.channelId;
    for (let round = 0; round < 3; round += 1) await compareAndVote(round);
    const status = await privateReply(harness.discord, experiment('status', { name: NAME }));
    expect(status.content).toContain('running');
    expect(status.content).toContain('6 blind votes on 3 comparisons');
    expect(status.content).toMatch(/`cot` preferred over `plain` in \d+\.\d%/);
    expect(status.content).toContain(planHash);
    await harness.restart(); // an experiment is a stored record: it runs on after a redeploy
    // Compares until the votes decide the test (read as the bot reads them), so none starts after the end.
    const decided = async () => {
      const record = await harness.services.experiments.byName(harness.discord.guildId, NAME);
      return record !== undefined && (await experimentEvidence(record, harness.services)).test.decided !== null;
    };
    let round = 3;
    while (!(await decided()) && round < 60) await compareAndVote(round++);
    const result = await harness.discord.waitFor(() => resultPost(channelId), { timeoutMs: 10_000 });
    expect(result.content).toContain('stopped by itself: `cot` wins');
    expect(result.content).toContain(planHash);
    const dataset = result.attachments.find((file) => file.filename.endsWith('-votes.jsonl'));
    const lines = (dataset?.text ?? '')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const record = await harness.services.experiments.byName(harness.discord.guildId, NAME);
    expect(record?.status).toBe('decided');
    expect(record?.outcome?.winner).toBe('cot');
    expect(lines).toHaveLength(record?.outcome?.votes ?? -1);
    expect(lines.every((line) => (line.arms as string[]).sort().join() === 'cot,plain')).toBe(true);
    expect(dataset?.text).not.toContain(harness.discord.userId('carol'));
    // Ended: /compare in the channel is an ordinary comparison again.
    const after = await run('compare', 'bob', { prompt: 'Anything else?', pipelines: 'plain, rules' }).waitForOriginal(
      (candidate) => candidate.components.length > 0,
      20_000,
    );
    expect(after.ephemeral).toBe(false);
  }, 240_000);

  it('runs a style ablation (`cot` against `cot|plain-text`: one run of cot shown twice, once without markdown) to its vote cap', async () => {
    const { discord, model, services } = harness;
    model.respond(techniqueScript({ extracted: '## Bravo\n\n**The sky is blue** because of scattering.' }));
    const votes = discord.channelIds.votes!;
    await privateReply(
      discord,
      experiment('create', {
        name: 'style',
        arms: 'cot, cot|plain-text',
        hypothesis: 'Markdown wins votes for the same answer',
        'minimum-effect': 0.1,
        'vote-cap': 2,
        channels: `<#${votes}>`,
      }),
    );
    await experiment('start', { name: 'style' }).waitForOriginal();
    const reasoningCalls = () => model.requests.filter((request) => kindOf(request) === 'reason').length;
    const before = reasoningCalls();
    const message = await run(
      'compare',
      'bob',
      { prompt: 'Why is the sky blue?' },
      { channelId: votes },
    ).waitForOriginal((candidate) => candidate.components.length > 0, 20_000);
    const stored = await eventually(
      async () => {
        const found = await services.comparisons.findByMessageId(message.id);
        if (found?.status !== 'done') throw new Error(`comparison ${found?.status ?? 'not stored'}`);
        return services.comparisons.get(found.id);
      },
      { timeoutMs: 20_000, description: 'the answers' },
    );
    expect(reasoningCalls() - before).toBe(1); // one run of cot for both slots
    expect(stored?.slots.map((slot) => slot.pipelineId)).toEqual(['cot', 'cot']);
    const answers = (stored?.slots ?? []).map((slot) => slot.result?.answer ?? '').sort();
    expect(answers[0]).toBe('## Bravo\n\n**The sky is blue** because of scattering.');
    expect(answers[1]).toContain('The sky is blue');
    expect(answers[1]).not.toMatch(/[#*]/);
    // Two votes reach its cap: it stops itself, undecided.
    for (const user of ['carol', 'dave'])
      discord.addReaction({ userId: discord.userId(user), messageId: message.id, emoji: '🇦' });
    const result = await discord.waitFor(() => resultPost(votes), { timeoutMs: 10_000 });
    expect(result.content).toContain('“style” reached its vote cap: no winner at α = 0.05');
    expect((await services.experiments.byName(discord.guildId, 'style'))?.status).toBe('capped');
    model.respond(pipelineAnswers());
  }, 60_000);

  it('replicates from the posted plan in another server and pools the replications from the command line', async () => {
    const refusal = async (plan: string) =>
      (await privateReply(harness.discord, experiment('replicate', { plan }, SECOND_GUILD))).content;
    expect(await refusal('f'.repeat(64))).toContain('No started experiment has that plan hash');
    expect(await refusal('{"name": "x"}')).toContain('plan: hypothesis: is required');
    // Another bot's store would not know the hash: the plan JSON its start message attached is enough.
    const started = await experiment('replicate', { plan: planJson }, SECOND_GUILD).waitForOriginal();
    expect(started.content).toContain('(replication)');
    expect(started.content).toContain(planHash);
    for (let round = 0; round < 4; round += 1) await compareAndVote(100 + round, SECOND_GUILD);
    const stopped = await privateReply(harness.discord, experiment('stop', { name: NAME }, SECOND_GUILD));
    expect(stopped.content).toContain('stopped early');
    const result = await harness.discord.waitFor(() => resultPost(started.channelId), { timeoutMs: 10_000 });
    expect(result.content).toContain('stopped early by hand');

    // dave asks to be forgotten: his votes leave every result recomputed from now on.
    await privateReply(harness.discord, run('forget-me', 'dave', {}));
    const status = await privateReply(harness.discord, experiment('status', { name: NAME }, SECOND_GUILD));
    expect(status.content).toContain('4 blind votes on 4 comparisons');

    const cli = (args: string[]) =>
      runCli('experiment', args, {
        env: { DATA_DIR: harness.services.settings.DATA_DIR },
        cwd: harness.services.settings.DATA_DIR,
      });
    const listed = await cli(['--list']);
    expect(listed.stdout).toContain(`${harness.discord.guildId}  ${NAME}  decided`);
    expect(listed.stdout).toContain(`${SECOND_GUILD}  ${NAME}  stopped (replication)`);
    const pooled = await cli(['--combine', planHash]);
    expect(pooled.stdout).toContain(`server ${SECOND_GUILD}: stopped, 4 vote(s) on 4 comparison(s)`);
    expect(pooled.stdout).toMatch(/Pooled over 2 server\(s\): .*cot wins/);
    expect(harness.loggedErrors).toEqual([]);
  }, 120_000);
});
