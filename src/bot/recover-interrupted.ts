// After a crash (not a graceful stop), comparisons can be left "running" with empty slots. At start-up,
// those older than the pipeline time budget (so no live process can still be filling them) get their
// missing slots marked as interrupted and become done, so reveal works. Their message belongs to an
// interaction whose token has expired (Discord refuses edits then), so a short reply explains instead.
import type { Client } from 'discord.js';
import type { ComparisonRecord } from '../comparisons/comparison.js';
import type { PipelineResult } from '../engine/trace.js';
import type { Services } from './services.js';

function interrupted(pipelineId: string): PipelineResult {
  return {
    pipelineId,
    label: pipelineId,
    status: 'cancelled',
    answer: null,
    failure: { kind: 'cancelled', message: 'Interrupted: the bot restarted before this answer finished.', retryable: true },
    trace: [],
    totals: { calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0 },
  };
}

export async function recoverInterrupted(client: Client<true>, services: Services, olderThan: Date): Promise<ComparisonRecord[]> {
  const stale = (await services.comparisons.all()).filter((record) => record.status === 'running' && Date.parse(record.createdAt) < olderThan.getTime());
  const recovered: ComparisonRecord[] = [];
  for (const record of stale) {
    const done = await services.comparisons.update(record.id, (current) => ({
      ...current,
      status: 'done',
      slots: current.slots.map((slot) => (slot.result ? slot : { ...slot, result: interrupted(slot.pipelineId) })),
    }));
    recovered.push(done);
    if (!done.channelId || !done.messageId) continue;
    const letters = record.slots.filter((slot) => !slot.result).map((slot) => slot.letter).join(', ');
    try {
      const channel = await client.channels.fetch(done.channelId);
      if (!channel?.isSendable()) continue;
      await channel.send({
        content: `⚠️ The bot restarted while this comparison was running: answer ${letters} was interrupted. Votes on the others still count.`,
        reply: { messageReference: done.messageId, failIfNotExists: false },
        allowedMentions: { parse: [] },
      });
    } catch (error) {
      services.log.warn(`comparison ${done.id}: stored as interrupted, but the channel could not be told: ${String(error)}`);
    }
  }
  if (recovered.length) services.log.info(`marked ${recovered.length} comparison(s) interrupted by an earlier crash`);
  return recovered;
}
