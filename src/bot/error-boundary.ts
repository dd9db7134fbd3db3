// The one place where an interaction's failure becomes a reply: a UserError is shown as written
// (ephemeral), a Discord permission error says which permission is missing, anything else is logged
// with a reference id and the user sees one calm line with that id. Never a stack trace, never silence.
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { UserError } from '../base/user-error.ts';
import type { Logger } from '../base/logger.ts';
import { isStoreUnavailable, unavailableCause } from '../store/store-unavailable.ts';
import { PrivateFailure } from './defer-first.ts';

/** `onBug` runs for failures that are ours (logged with a reference), e.g. to count them. */
export function describeFailure(error: unknown, log: Logger, where: string, onBug?: () => void): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions) {
    return 'I am missing a permission in this channel (I need View Channel, Send Messages, Embed Links, Attach Files, Add Reactions and Read Message History).';
  }
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingAccess) {
    return 'I cannot see this channel. Ask a moderator to give me View Channel and Read Message History here.';
  }
  if (isStoreUnavailable(error)) {
    log.warn(`${where}: storage unavailable (${unavailableCause(error)})`);
    return `Storage is unavailable right now, so I can’t finish ${where}; try again in a minute.`;
  }
  const reference = randomBytes(3).toString('hex');
  log.error(`[${reference}] ${where} failed`, error, { reference });
  onBug?.();
  return `Something went wrong on my side (reference ${reference}). Please try again; if it keeps happening, tell the bot's admin.`;
}

export async function withErrorBoundary(
  interaction: RepliableInteraction,
  log: Logger,
  where: string,
  work: () => Promise<void>,
  onBug?: () => void,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = error instanceof PrivateFailure ? error.reason : error;
    const content = `⚠️ ${describeFailure(failure, log, where, onBug)}`;
    try {
      // The public placeholder is gone: a follow-up is the only way left to answer, and it is for the user alone.
      if (error instanceof PrivateFailure) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      else if (interaction.deferred && !interaction.replied)
        await interaction.editReply({ content, embeds: [], components: [], files: [] });
      else if (interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
    } catch (replyError) {
      log.error(`${where}: could not tell the user about a failure`, replyError);
    }
  }
}
