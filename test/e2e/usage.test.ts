// /usage end to end: its figures are the calls the fake model server received and the tokens and cost it reported;
// private to the caller; admins also see the server by user hash (truncated) and by pipeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { checkV2Message } from '../../src/render/discord/v2/check-v2-message.ts';
import { v2Text } from '../fixtures/v2-text.ts';
import { eventually } from '../fixtures/eventually.ts';
import { comparisonDone } from '../fixtures/shown-message.ts';

// gpt-4o-mini (the default model) costs $0.15 / $0.60 per million tokens: 1,000 in and 500 out make $0.00045 a call.
const USAGE = { prompt_tokens: 1000, completion_tokens: 500 };
const COST_PER_CALL = 0.00045;

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({
    discord: { users: [{ username: 'admin', permissions: ['ManageGuild'] }, 'alice', 'bob'] },
  });
  const answers = pipelineAnswers();
  harness.model.respond(async (request, index) => ({ ...(await answers(request, index)), usage: USAGE }));
});
afterEach(async () => {
  await harness.stop();
});

const run = (user: string, name: string, options: Record<string, string> = {}) =>
  harness.discord.runSlashCommand({ name, userId: harness.discord.userId(user), options });

async function usageOf(user: string) {
  const handle = run(user, 'usage');
  const reply = await handle.waitForOriginal();
  expect(handle.ephemeral).toBe(true);
  expect(checkV2Message(reply)).toEqual([]);
  return v2Text(reply.components);
}

describe('/usage', () => {
  it('shows the caller the calls, tokens and cost the model server reported, today and this month', async () => {
    const { discord, model } = harness;
    const compare = run('alice', 'compare', { prompt: 'two and two?', pipelines: 'plain, cot' });
    const card = await compare.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => (discord.message(card.id)?.reactions.size ?? 0) >= 2 || undefined, {
      description: 'the vote reactions',
    });
    const ask = run('alice', 'ask', { prompt: 'why?' });
    await ask.waitForOriginal((message) => message.content.includes('-# '), 15_000);

    const calls = model.requests.length;
    expect(calls).toBeGreaterThanOrEqual(3); // plain once, cot twice (reason, extract), /ask once
    const figures = `1 comparison · 1 answer · ${calls} model calls · ${calls * 1500} tokens · $${(calls * COST_PER_CALL).toFixed(5)}`;
    const text = await usageOf('alice');
    expect(text).toContain(`**Today (UTC)**\n${figures}`);
    expect(text).toContain(`**This month**\n${figures}`);
    expect(text).toContain('Comparisons this hour: 1 of 20 (19 left)');
    expect(text).toContain('Answers this hour: 1 of 60 (59 left)');
    expect(text).not.toContain('This server this month');

    expect(await usageOf('bob')).toContain('0 comparisons · 0 answers · 0 model calls · 0 tokens · $0\n');

    await run('alice', 'forget-me').waitForOriginal();
    expect(await usageOf('alice')).toContain(
      '**This month**\n0 comparisons · 0 answers · 0 model calls · 0 tokens · $0\n',
    );
  });

  it('shows admins the server by truncated user hash and by pipeline, never a raw id or a whole hash', async () => {
    const { discord, model } = harness;
    const compare = run('alice', 'compare', { prompt: 'hello', pipelines: 'plain, cot' });
    const card = await compare.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => (discord.message(card.id)?.reactions.size ?? 0) >= 2 || undefined, {
      description: 'the vote reactions',
    });

    // The prompt-category judge's call joins the comparison's use once it is back, which may be just after the answers.
    let text = '';
    await eventually(async () => {
      text = await usageOf('admin');
      expect(text).toContain(`${model.requests.length} model calls`);
    });
    const aliceHash = harness.services.hashUser(discord.userId('alice'));
    expect(text).toContain('This server this month');
    expect(text).toContain(aliceHash.slice(0, 8));
    expect(text).not.toContain(aliceHash);
    expect(text).not.toContain(discord.userId('alice'));
    // plain makes one call, cot two (reasoning, then the extracted answer), the category step one
    expect(text).toMatch(/^plain +1 +1500 +\$0\.00045$/m);
    expect(text).toMatch(/^cot +2 +3000 +\$0\.00090$/m);
    expect(text).toMatch(/^categorize +1 +1500 +\$0\.00045$/m);
  });
});
