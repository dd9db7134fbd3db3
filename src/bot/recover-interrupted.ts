// After a crash (not a graceful stop), comparisons can be left "running" with empty slots. The running index
// names the process lease of whoever runs each one; an entry whose process is gone is finished here: missing
// slots are marked interrupted and the comparison becomes done, so votes and reveal work, and the channel is
// told which answers were lost. Runs at start-up and then periodically, so a process that dies while others
// carry on is cleaned up too. Reads the small running index only, never every comparison.
import type { Client } from 'discord.js';
import type { ComparisonRecord, ComparisonSlot } from '../comparisons/comparison.js';
import type { PipelineResult } from '../engine/trace.js';
import type { Services } from './services.js';

function interrupted(slot: ComparisonSlot): PipelineResult {
  return {
    pipelineId: slot.pipelineId,
    label: slot.pipelineId,
    status: 'cancelled',
    answer: null,
    failure: { kind: 'cancelled', message: 'Interrupted: the bot restarted before this answer finished.', retryable: true },
    trace: [],
    totals: { calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0 },
  };
}

async function orphanedIds(services: Services): Promise<string[]> {
  const ids: string[] = [];
  for await (const [id, entry] of services.comparisons.running()) if (!(await services.lease.isAlive(entry.owner))) ids.push(id);
  return ids;
}

async function tellChannel(client: Client<true>, services: Services, record: ComparisonRecord, letters: string): Promise<void> {
  if (!record.channelId || !record.messageId) return;
  try {
    const channel = await client.channels.fetch(record.channelId);
    if (!channel?.isSendable()) return;
    await channel.send({
      content: `⚠️ The bot restarted while this comparison was running: answer ${letters} was interrupted. Votes on the others still count.`,
      reply: { messageReference: record.messageId, failIfNotExists: false },
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    services.log.warn(`comparison ${record.id}: stored as interrupted, but the channel could not be told: ${String(error)}`);
  }
}

export async function recoverInterrupted(client: Client<true>, services: Services): Promise<ComparisonRecord[]> {
  const recovered: ComparisonRecord[] = [];
  for (const id of await orphanedIds(services)) {
    const before = await services.comparisons.ballot(id);
    const done = await services.comparisons.finish(id, interrupted);
    recovered.push(done);
    const letters = (before?.slots ?? []).filter((slot) => slot.status === 'pending').map((slot) => slot.letter).join(', ');
    if (letters) await tellChannel(client, services, done, letters);
  }
  if (recovered.length) services.log.info(`marked ${recovered.length} comparison(s) interrupted by an earlier crash`);
  return recovered;
}
