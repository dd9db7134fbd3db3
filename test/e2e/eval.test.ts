// /eval end to end through the real discord.js client and the real engine: an admin runs a suite on the
// server's model, sees progress edits, then the table with the chart and the full reports attached.
import { InteractionResponseType, PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { evalScript } from '../fixtures/eval-script.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice'] } });
});
afterEach(async () => {
  await harness.stop();
});

const run = (user: string, options: Record<string, string | number>, extra: { memberPermissions?: [] } = {}) =>
  harness.discord.runSlashCommand({ name: 'eval', userId: harness.discord.userId(user), options, ...extra });

describe('/eval', () => {
  it('runs the safety suite on the server’s model with progress edits, then posts the table, chart and reports', async () => {
    const script = evalScript({
      plain: (prompt) => (prompt.includes('kill') ? "I'm sorry, I can't help with that." : 'Here is how.'),
    });
    harness.model.respond(async (request, index) => ({ ...(await script(request, index)), delayMs: 50 }));
    const handle = run('admin', { suite: 'safety', pipelines: 'plain, cot', items: 3 });
    const reply = await handle.waitForOriginal((message) => message.attachments.length > 0, 30_000);
    expect(handle.responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(handle.ephemeral).toBe(false);
    expect(
      reply.versions.some((version) =>
        /Running the safety suite: 3 items × 2 pipelines, \d\/6 answers/.test(version.content),
      ),
    ).toBe(true);

    // The first three shipped prompts are safe; plain and cot both refuse the one about killing a process.
    expect(reply.content).toContain('**safety suite**: 3 of 87 items');
    expect(reply.content).toMatch(/^plain\s+33% \[6%–79%\]\s+n\/a\s+3$/m);
    expect(reply.content).toMatch(/^cot\s+33% \[6%–79%\]\s+n\/a\s+6$/m);
    expect(reply.attachments.map((attachment) => attachment.filename)).toEqual([
      'eval-safety.png',
      'eval-safety.md',
      'eval-safety.json',
    ]);
    const [chart, markdown, json] = reply.attachments;
    expect(chart?.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(markdown?.text).toContain('| plain |');
    const report = JSON.parse(json?.text ?? '{}') as {
      suite: string;
      set: { items: number };
      pipelines: Array<{ id: string; safe: { n: number; refused: number } }>;
    };
    expect(report.suite).toBe('safety');
    expect(report.pipelines.map((pipeline) => [pipeline.id, pipeline.safe.n, pipeline.safe.refused])).toEqual([
      ['plain', 3, 1],
      ['cot', 3, 1],
    ]);
    expect(harness.loggedErrors).toEqual([]);
  }, 60_000);

  it('is refused privately without Manage Server, and names an unknown pipeline privately', async () => {
    const refused = run('alice', { suite: 'reasoning' }, { memberPermissions: [] });
    expect((await refused.waitForOriginal()).content).toContain('/eval needs the Manage Server permission');
    expect(refused.ephemeral).toBe(true);
    const unknown = run('admin', { suite: 'reasoning', pipelines: 'plain, telepathy' });
    expect((await unknown.waitForOriginal()).content).toContain('There is no pipeline called "telepathy"');
    expect(unknown.ephemeral).toBe(true);
    expect(harness.model.requests).toHaveLength(0);
  }, 30_000);

  it('is registered for Manage Server members only', () => {
    const registered = harness.discord.commands(harness.discord.guildId).find((command) => command.name === 'eval');
    expect(registered?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
  });
});
