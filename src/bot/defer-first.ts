// Acknowledges a public command at once, then runs its checks that read the store or ask the model server: a store
// that hangs must not push the acknowledgement past Discord's 3-second window. A failed check withdraws the public
// "thinking…" and tells the user alone, as a refusal did when these checks ran before acknowledging.
import type { ChatInputCommandInteraction } from 'discord.js';

/** A check that failed after the public acknowledgement was withdrawn: the error boundary answers privately. */
export class PrivateFailure extends Error {
  readonly reason: unknown;

  constructor(reason: unknown) {
    super('a check failed after deferring', { cause: reason });
    this.reason = reason;
    this.name = 'PrivateFailure';
  }
}

export async function deferThenCheck<T>(interaction: ChatInputCommandInteraction, check: () => Promise<T>): Promise<T> {
  await interaction.deferReply();
  try {
    return await check();
  } catch (error) {
    // When the placeholder cannot be removed, the failure is told in it (publicly) rather than not at all.
    const withdrawn = await interaction.deleteReply().then(
      () => true,
      () => false,
    );
    throw withdrawn ? new PrivateFailure(error) : error;
  }
}
