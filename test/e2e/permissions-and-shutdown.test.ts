// What users see when the bot lacks a permission, and what a shutdown does to work in flight.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../fixtures/bot-harness.ts';
import { eventually } from '../fixtures/eventually.ts';
import { pipelineAnswers } from '../fixtures/pipeline-answers.ts';
import { kindOf } from '../fixtures/technique-script.ts';
import { comparisonDone, shownMessage } from '../fixtures/shown-message.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
  harness.model.respond(pipelineAnswers());
});
afterEach(async () => {
  await harness.stop();
});

describe('missing permissions', () => {
  it('still shows the comparison where it cannot add reactions, and tells the user privately how to vote', async () => {
    const { discord } = harness;
    discord.denyPermissions(discord.channelId, ['AddReactions']);
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipelines: 'plain,cot' },
    });
    const warning = await handle.waitForFollowUp(
      (message) => message.content.includes('cannot add the vote reactions'),
      10_000,
    );
    expect(warning.ephemeral).toBe(true);
    expect(shownMessage(handle.original()!).slots).toHaveLength(2);
    expect(discord.reactions(handle.original()?.id ?? '')).toEqual([]);
  });

  it('stays silent in a channel where it may not send messages, instead of failing noisily', async () => {
    const { discord, model } = harness;
    discord.denyPermissions(discord.channelId, ['SendMessages']);
    discord.sendMessage({
      channelId: discord.channelId,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> hi`,
      mentions: [discord.botUserId],
    });
    const other = discord.channelIds.votes as string;
    const asked = discord.sendMessage({
      channelId: other,
      authorId: discord.userId('alice'),
      content: `<@${discord.botUserId}> hi`,
      mentions: [discord.botUserId],
    });
    await discord.waitForMessage(
      (message) => message.reference?.messageId === asked.id && message.content.includes('-# '),
      { timeoutMs: 10_000 },
    );
    expect(model.requests).toHaveLength(1); // no model call for the channel it cannot answer in
    expect(harness.loggedErrors).toEqual([]);
  });
});

describe('shutdown', () => {
  it('lets a running comparison finish and stores it before disconnecting', async () => {
    const { discord, model } = harness;
    const script = pipelineAnswers();
    model.respond((request, index) => ({ ...script(request, index), delayMs: kindOf(request) === 'reason' ? 300 : 0 }));
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipelines: 'plain,cot' },
    });
    await handle.waitForOriginal((message) => shownMessage(message).slots.some((slot) => slot.status === 'writing'));
    await eventually(() => {
      if (harness.services.inflight.size === 0) throw new Error('not running yet');
    });
    await harness.restart(); // stop() waits for the comparison
    const stored = await harness.services.comparisons.findByMessageId(handle.original()?.id ?? '');
    expect(stored?.status).toBe('done');
    expect(stored?.slots.every((slot) => slot.status === 'ok')).toBe(true);
  });
});

describe('after a crash', () => {
  it('marks a comparison left half-done as interrupted at the next start, and says so in the channel', async () => {
    const { discord } = harness;
    const handle = discord.runSlashCommand({
      name: 'compare',
      userId: discord.userId('alice'),
      options: { prompt: 'hi', pipelines: 'plain,cot' },
    });
    const message = await handle.waitForOriginal(comparisonDone, 15_000);
    await discord.waitFor(() => discord.reactions(message.id).length === 4 || undefined);
    const stored = await harness.services.comparisons.findByMessageId(message.id);
    // What a crash mid-run leaves behind: still "running" under the lease of a process that is gone, one slot
    // never filled. It started a moment ago: recovery must not wait out the pipeline time budget.
    const record = (await harness.services.comparisons.get(stored?.id ?? ''))!;
    await harness.services.comparisons.save(
      {
        ...record,
        status: 'running',
        slots: record.slots.map((slot, index) => (index === 1 ? { ...slot, result: null } : slot)),
      },
      'a-process-that-crashed',
    );

    await harness.restart();
    const recovered = await eventually(async () => {
      const record = await harness.services.comparisons.get(stored?.id ?? '');
      if (record?.status !== 'done') throw new Error('not recovered yet');
      return record;
    });
    expect(recovered.slots[1]?.result).toMatchObject({ status: 'cancelled' });
    expect(recovered.slots[0]?.result?.status).toBe('ok');
    const note = await discord.waitForMessage(
      (candidate) => candidate.reference?.messageId === message.id && candidate.content.startsWith('⚠️'),
    );
    expect(note.content).toContain('answer B was interrupted');
  });
});
