// One /compare from deferral to votes: store the blind order, show the slots, fill each in as its
// pipeline finishes (throttled edits), persist every result, then add the vote reactions.
import { MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { ComparisonRecord } from '../../records/comparisons/comparison.js';
import type { CompareRun } from '../../engine/create-engine.js';
import { leakMarkers } from '../../catalog/leak-markers.js';
import { createLeakGuard } from '../../records/comparisons/leak-guard.js';
import { newComparison } from '../../records/comparisons/new-comparison.js';
import type { ChatMessage } from '../../llm/chat-model.js';
import { withLogContext } from '../../base/logger.js';
import { renderComparisonIn } from '../../render/discord/message-layout.js';
import { ballotEmojis } from '../../records/votes/vote-emoji.js';
import { ballotKind } from '../votes/ballot-kind.js';
import { comparisonView } from './comparison-view.js';
import { partsOf, recordUse } from '../record-use.js';
import type { Services } from '../services.js';
import { createThrottledEditor } from './throttled-editor.js';

const EDIT_INTERVAL_MS = 1500;
// Discord accepts edits through an interaction token for 15 minutes; a minute's margin for clocks and slow requests.
const TOKEN_LIFETIME_MS = 14 * 60_000;

export async function runCompareSession(
  interaction: ChatInputCommandInteraction,
  services: Services,
  request: { conversation: ChatMessage[]; runs: readonly CompareRun[]; modelOverrides: Record<string, string> },
  signal: AbortSignal,
): Promise<ComparisonRecord> {
  let record = newComparison({
    runs: request.runs,
    conversation: request.conversation,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    requesterHash: services.hashUser(interaction.user.id),
  });
  const handle = {
    applicationId: interaction.applicationId,
    sealedToken: services.interactionTokens.seal(interaction.token),
    expiresAt: new Date(interaction.createdTimestamp + TOKEN_LIFETIME_MS).toISOString(),
  };
  await services.comparisons.save(record, services.lease.id, handle);
  const renderComparison = renderComparisonIn(services.settings.MESSAGE_LAYOUT);
  const ballot = ballotKind(interaction);
  const message = await interaction.editReply(renderComparison(comparisonView(record, { ballot })));
  await services.comparisons.attachMessage(record.id, message.id, interaction.channelId);
  record = { ...record, messageId: message.id };

  const log = withLogContext(services.log, { comparisonId: record.id });
  const editor = createThrottledEditor((payload: ReturnType<typeof renderComparison>) => interaction.editReply(payload), {
    intervalMs: EDIT_INTERVAL_MS,
    onError: (error) => log.warn(`comparison ${record.id}: live edit failed: ${String(error)}`),
  });
  const saves: Promise<unknown>[] = [];
  const { OPENAI_MODEL, JUDGE_MODEL } = services.settings;
  const runModels = request.runs.flatMap((run) => (run.model === undefined ? [] : [run.model]));
  const findLeak = createLeakGuard(leakMarkers(services.catalog(), [OPENAI_MODEL, JUDGE_MODEL ?? '', ...Object.values(request.modelOverrides), ...runModels]));
  // In slot order, so each event's run index is its slot (a pipeline may fill several slots, one per model).
  await services.engine.compare(record.slots.map(({ pipelineId, model }) => ({ pipelineId, model })), request.conversation, {
    signal,
    modelOverrides: request.modelOverrides,
    onEvent(event, index) {
      if (event.type !== 'pipeline-end') return;
      record.slots[index] = { ...(record.slots[index] as ComparisonRecord['slots'][number]), result: event.result };
      saves.push(services.comparisons.setSlotResult(record.id, index, event.result));
      // Checked before the answer is first shown: it is still shown, but votes on it no longer count as blind.
      const marker = event.result.status === 'ok' && event.result.answer ? findLeak(event.result.answer) : null;
      if (marker !== null) {
        record.leaks = [...(record.leaks ?? []), { slot: index, marker }];
        saves.push(services.comparisons.flagLeak(record.id, { slot: index, marker }));
      }
      editor.update(renderComparison(comparisonView(record, { ballot })));
    },
  });
  await Promise.all(saves);
  await recordUse(services, { guildId: record.guildId, userHash: record.requesterHash, runId: record.id, kind: 'compare', parts: partsOf(record.slots.map((slot) => slot.result)) });
  record = await services.comparisons.finish(record.id);
  editor.update(renderComparison(comparisonView(record, { ballot, askWhy: services.catalog().reasonTags !== null })));
  await editor.flush();
  if (ballot === 'reactions') await addVoteReactions(interaction, record, message);
  return record;
}

async function addVoteReactions(interaction: ChatInputCommandInteraction, record: ComparisonRecord, message: Message) {
  const emojis = ballotEmojis(record.slots.map((slot) => slot.result?.status === 'ok'));
  if (emojis.length === 0) return; // nothing answered: nothing to vote on
  const needed = PermissionFlagsBits.AddReactions | PermissionFlagsBits.ReadMessageHistory;
  if (interaction.inGuild() && !interaction.appPermissions.has(needed)) {
    await interaction.followUp({
      content: '⚠️ I cannot add the vote reactions here (I need Add Reactions and Read Message History in this channel). You can still vote by reacting with 🇦 🇧 🇨 🇩, 🤝 or 👎 yourself.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  // One at a time: Discord rate-limits reactions per message, and the order is what people see.
  for (const emoji of emojis) await message.react(emoji);
}
