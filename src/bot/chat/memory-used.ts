// "What did you remember?" under a chat or /ask answer: tells its owner, privately, which of their remembered
// facts the answer used, matched by keyed hash against the facts kept now (so deleted facts stay deleted).
// Anyone else pressing it learns nothing about the owner's facts.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { factKey } from '../../engine/memory/fact-key.ts';
import { NOT_YOUR_MEMORY, renderUsedFacts } from '../../render/discord/memory-used.ts';
import type { Services } from '../services.ts';

export async function showUsedMemories(
  interaction: ButtonInteraction,
  services: Pick<Services, 'hashUser' | 'memory'>,
  used: { ownerId: string; count: number; keys: readonly string[] },
): Promise<void> {
  if (interaction.user.id !== used.ownerId) {
    await interaction.reply({ content: NOT_YOUR_MEMORY, flags: MessageFlags.Ephemeral });
    return;
  }
  const userHash = services.hashUser(interaction.user.id);
  const kept = (await services.memory.read(userHash))?.facts ?? [];
  const wanted = new Set(used.keys);
  const found = kept.map((fact) => fact.text).filter((text) => wanted.has(factKey(userHash, text)));
  await interaction.reply({
    content: renderUsedFacts(found, used.count),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
