// "Reveal pipelines": shows the clicking user, privately, which pipeline wrote each slot and what each
// step did. Revealing is remembered, so a vote this user casts afterwards is kept but flagged (and left
// out of the leaderboard by default), as blind arenas discard votes once identities are known.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { drafting } from '../../../records/comparisons/ballot-of.ts';
import type { ComparisonRecord } from '../../../records/comparisons/comparison.ts';
import { UserError } from '../../../base/user-error.ts';
import { type RevealSlot, renderSlotTrace } from '../../../render/discord/reveal-message.ts';
import { renderRevealIn } from '../../../render/discord/message-layout.ts';
import type { VoteRecord } from '../../../records/votes/vote.ts';
import type { Services } from '../../services.ts';

/** What this module's handlers use of the bot's services. */
type RevealServices = Pick<Services, 'comparisons' | 'engine' | 'hashUser' | 'settings' | 'votes'>;

async function doneComparison(services: RevealServices, comparisonId: string): Promise<ComparisonRecord> {
  const comparison = await services.comparisons.get(comparisonId);
  if (!comparison) throw new UserError('not-found', 'That comparison is not stored any more.');
  if (comparison.status !== 'done')
    throw new UserError('invalid-option', 'Wait until every answer is in, then reveal.');
  return comparison;
}

function revealSlots(services: RevealServices, comparison: ComparisonRecord): RevealSlot[] {
  const labels = new Map(services.engine.pipelines().map((pipeline) => [pipeline.id, pipeline.label]));
  // Answers drafted by different models (/compare models:) may show one technique twice: the model tells them apart.
  const models = comparison.slots.map((slot) => (slot.result === null ? undefined : drafting(slot.result)?.model));
  const crossed = new Set(models.filter((model) => model !== undefined)).size > 1;
  return comparison.slots.map((slot, index) => {
    const label = slot.result?.label ?? labels.get(slot.pipelineId) ?? slot.pipelineId;
    const model = models[index];
    return {
      letter: slot.letter,
      pipelineId: slot.pipelineId,
      label: crossed && model !== undefined ? `${label} · ${model}` : label,
      result: slot.result,
    };
  });
}

function votedFor(vote: VoteRecord | null, comparison: ComparisonRecord): string | null {
  if (!vote) return null;
  if (vote.choice.kind === 'pick') return comparison.slots[vote.choice.slot]?.letter ?? null;
  return vote.choice.kind;
}

export async function revealComparison(
  interaction: ButtonInteraction,
  services: RevealServices,
  comparisonId: string,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
  const comparison = await doneComparison(services, comparisonId);
  const voterHash = services.hashUser(interaction.user.id);
  const vote = await services.votes.liveVote(comparisonId, voterHash);
  await services.votes.markRevealed(comparisonId, voterHash);
  const leaks = (comparison.leaks ?? []).map((leak) => ({
    letter: comparison.slots[leak.slot]?.letter ?? '?',
    marker: leak.marker,
  }));
  const payload = renderRevealIn(services.settings.MESSAGE_LAYOUT, revealSlots(services, comparison), {
    comparisonId,
    votedFor: votedFor(vote, comparison),
    leaks,
    category: comparison.category,
  });
  await interaction.editReply(payload);
}

export async function showSlotSteps(
  interaction: ButtonInteraction,
  services: RevealServices,
  comparisonId: string,
  slot: number,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral }); // before the store, which may hang
  const comparison = await doneComparison(services, comparisonId);
  if (!(await services.votes.hasRevealed(comparisonId, services.hashUser(interaction.user.id)))) {
    throw new UserError(
      'invalid-option',
      'Press "Reveal pipelines" first: the steps show which technique wrote the answer.',
    );
  }
  const entry = revealSlots(services, comparison)[slot];
  if (!entry) throw new UserError('not-found', 'That slot does not exist.');
  const { content, embeds, files } = renderSlotTrace(entry);
  await interaction.editReply({
    content,
    embeds,
    files: files?.map((file) => ({ attachment: file.data, name: file.name })),
    allowedMentions: { parse: [] },
  });
}
