// After a crash (not a graceful stop), comparisons can be left "running" with empty slots. The running index
// names the process lease of whoever runs each one; an entry whose process is gone is finished here: missing
// slots are marked interrupted and the comparison becomes done, so votes and reveal work, and the channel is
// told which answers were lost: within the 15 minutes an interaction token lasts, by editing the message itself
// in the layout it was posted in (with the vote reactions of the answers that came through), after that by a
// reply. Runs at start-up and then periodically, so a process that dies while others carry on is cleaned up too.
// Reads the small running index only, never every comparison.
import { Routes, type Client } from 'discord.js';
import { z } from 'zod';
import type { ComparisonRecord, ComparisonSlot } from '../../records/comparisons/comparison.ts';
import type { InteractionHandle, RunningEntry } from '../../records/comparisons/stored-records.ts';
import { layoutOfShown, renderComparisonIn, type MessageLayout } from '../../render/discord/message-layout.ts';
import { ballotEmojis, voteEmojis } from '../../records/votes/vote-emoji.ts';
import { comparisonView } from './comparison-view.ts';
import type { PipelineResult } from '../../engine/trace.ts';
import type { Services } from '../services.ts';

/** What this module's handlers use of the bot's services. */
type RecoverInterruptedServices = Pick<Services, 'comparisons' | 'interactionTokens' | 'lease' | 'log' | 'settings'>;

function interrupted(slot: ComparisonSlot): PipelineResult {
  return {
    pipelineId: slot.pipelineId,
    label: slot.pipelineId,
    status: 'cancelled',
    answer: null,
    failure: {
      kind: 'cancelled',
      message: 'Interrupted: the bot restarted before this answer finished.',
      retryable: true,
    },
    trace: [],
    totals: { calls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0 },
  };
}

// What an edit needs to know of the message as it is: which layout it was posted in.
const ShownMessage = z.looseObject({
  flags: z.number().int().optional(),
  content: z.string().optional(),
  embeds: z.array(z.unknown()).optional(),
});

/** The layout of the /compare's message, read through its interaction: posted before a layout change, it keeps its own. */
async function layoutOfOriginal(
  client: Client<true>,
  services: RecoverInterruptedServices,
  path: `/${string}`,
): Promise<MessageLayout> {
  const parsed = ShownMessage.safeParse(await client.rest.get(path, { auth: false }));
  if (parsed.success) return layoutOfShown(parsed.data, services.settings.MESSAGE_LAYOUT);
  services.log.warn(
    `the message to recover is not as Discord describes one (${parsed.error.message}); using MESSAGE_LAYOUT`,
  );
  return services.settings.MESSAGE_LAYOUT;
}

async function orphaned(services: RecoverInterruptedServices): Promise<Array<[string, RunningEntry]>> {
  const found: Array<[string, RunningEntry]> = [];
  for await (const [id, entry] of services.comparisons.running())
    if (!(await services.lease.isAlive(entry.owner))) found.push([id, entry]);
  return found;
}

/** Shows the finished comparison in its message through the /compare interaction, and adds the vote reactions. */
async function editThroughInteraction(
  client: Client<true>,
  services: RecoverInterruptedServices,
  record: ComparisonRecord,
  handle: InteractionHandle,
): Promise<boolean> {
  const token = services.interactionTokens.open(handle.sealedToken);
  if (token === undefined) {
    // Sealed under another bot token (it was changed since): no way to edit the message, so the channel is told.
    services.log.debug?.(
      `comparison ${record.id}: its interaction token does not open with this bot token; replying instead of editing`,
    );
    return false;
  }
  try {
    // auth: false: the interaction token in the route is the credential, as for any interaction webhook.
    // A server the bot is not in was a user install: its ballot was buttons. (A group DM cannot be told apart from a
    // DM in the record, so it gets reactions, which Discord refuses there: the edit stands and the refusal is logged.)
    const ballot = record.guildId !== null && !client.guilds.cache.has(record.guildId) ? 'buttons' : 'reactions';
    const original = Routes.webhookMessage(handle.applicationId, token);
    const layout = await layoutOfOriginal(client, services, original);
    // Raw REST sends the body as written: Discord reads allowed_mentions, and would ignore discord.js's spelling.
    const { allowedMentions, ...message } = renderComparisonIn(layout)(comparisonView(record, { ballot }));
    await client.rest.patch(original, { body: { ...message, allowed_mentions: allowedMentions }, auth: false });
    if (ballot === 'reactions' && record.channelId && record.messageId) {
      const offered = ballotEmojis(record.slots.map((slot) => slot.result?.status === 'ok'));
      for (const emoji of offered) {
        await client.rest.put(
          Routes.channelMessageOwnReaction(record.channelId, record.messageId, encodeURIComponent(emoji)),
        );
      }
      // The reactions went up with the message; take back those of answers that never came.
      for (const emoji of voteEmojis(record.slots.length).filter((candidate) => !offered.includes(candidate))) {
        await client.rest.delete(
          Routes.channelMessageOwnReaction(record.channelId, record.messageId, encodeURIComponent(emoji)),
        );
      }
    }
    return true;
  } catch (error) {
    // The error's text never holds the token (only Discord's message and code).
    services.log.warn(
      `comparison ${record.id}: could not edit its message after the restart: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}

async function tellChannel(
  client: Client<true>,
  services: RecoverInterruptedServices,
  record: ComparisonRecord,
  letters: string,
): Promise<void> {
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
    services.log.warn(
      `comparison ${record.id}: stored as interrupted, but the channel could not be told: ${String(error)}`,
    );
  }
}

export async function recoverInterrupted(
  client: Client<true>,
  services: RecoverInterruptedServices,
): Promise<ComparisonRecord[]> {
  const recovered: ComparisonRecord[] = [];
  for (const [id, entry] of await orphaned(services)) {
    const before = await services.comparisons.ballot(id);
    const done = await services.comparisons.finish(id, interrupted);
    recovered.push(done);
    // While the /compare's token is valid the message itself shows what was lost; after that, a reply says so.
    const handle = entry.interaction;
    if (
      handle !== undefined &&
      Date.parse(handle.expiresAt) > Date.now() &&
      (await editThroughInteraction(client, services, done, handle))
    )
      continue;
    const letters = (before?.slots ?? [])
      .filter((slot) => slot.status === 'pending')
      .map((slot) => slot.letter)
      .join(', ');
    if (letters) await tellChannel(client, services, done, letters);
  }
  if (recovered.length) services.log.info(`marked ${recovered.length} comparison(s) interrupted by an earlier crash`);
  return recovered;
}
