// One /compare from deferral to votes: store the blind order, show the slots and add the vote reactions at once
// (people vote while answers stream), fill each slot in as its pipeline finishes (throttled edits), persist every
// result, then take back the reactions of choices that did not come through (a failed slot's letter). The prompt's
// category is found alongside the pipelines, never before them, and never holds up an answer.
import { MessageFlags, PermissionFlagsBits, Routes, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { ComparisonRecord } from '../../records/comparisons/comparison.ts';
import type { CompareRun } from '../../engine/create-engine.ts';
import type { PipelineResult } from '../../engine/trace.ts';
import { leakMarkers } from '../../catalog/leak-markers.ts';
import { createLeakGuard } from '../../records/comparisons/leak-guard.ts';
import { newComparison } from '../../records/comparisons/new-comparison.ts';
import type { ChatMessage } from '../../llm/chat-model.ts';
import { withLogContext } from '../../base/logger.ts';
import { renderComparisonIn } from '../../render/discord/message-layout.ts';
import { ballotEmojis, voteEmojis } from '../../records/votes/vote-emoji.ts';
import { ballotKind } from '../votes/ballot-kind.ts';
import { comparisonView } from './comparison-view.ts';
import { partsOf, recordUse } from '../record-use.ts';
import type { PartUse } from '../../records/quotas/usage-schemas.ts';
import type { Services } from '../services.ts';
import { createThrottledEditor } from './throttled-editor.ts';

const EDIT_INTERVAL_MS = 1500;
/** How the prompt-category step's judge calls appear in /usage, beside the pipelines'. */
const CATEGORY_PART = 'categorize';
// Discord accepts edits through an interaction token for 15 minutes; a minute's margin for clocks and slow requests.
const TOKEN_LIFETIME_MS = 14 * 60_000;

/** One slot of a comparison whose order the caller chose: the run (index into runs) it shows, and how. */
export interface SlotPlan {
  run: number;
  /** Re-presents the run's answer in this slot (an experiment arm's transform); absent: shown as written. */
  present?: (answer: string, result: PipelineResult) => string;
}

export async function runCompareSession(
  interaction: ChatInputCommandInteraction,
  services: Pick<
    Services,
    | 'catalog'
    | 'comparisons'
    | 'engine'
    | 'hashUser'
    | 'interactionTokens'
    | 'lease'
    | 'limits'
    | 'log'
    | 'settings'
    | 'usage'
  >,
  request: {
    conversation: ChatMessage[];
    runs: readonly CompareRun[];
    modelOverrides: Record<string, string>;
    /** Slots in a fixed order, each showing one run's answer (several may share a run), optionally re-presented. */
    slots?: readonly SlotPlan[];
    /** Called once the comparison is stored, before any answer: votes may already arrive. */
    onSaved?: (record: ComparisonRecord) => Promise<void>;
  },
  signal: AbortSignal,
): Promise<ComparisonRecord> {
  const slotPlans: readonly SlotPlan[] = request.slots ?? request.runs.map((_, run) => ({ run }));
  let record = newComparison({
    runs: slotPlans.map((slot) => request.runs[slot.run] as CompareRun),
    conversation: request.conversation,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    requesterHash: services.hashUser(interaction.user.id),
    order: request.slots === undefined ? 'shuffled' : 'as-given',
  });
  const handle = {
    applicationId: interaction.applicationId,
    sealedToken: services.interactionTokens.seal(interaction.token),
    expiresAt: new Date(interaction.createdTimestamp + TOKEN_LIFETIME_MS).toISOString(),
  };
  await services.comparisons.save(record, services.lease.id, handle);
  await request.onSaved?.(record);
  const renderComparison = renderComparisonIn(services.settings.MESSAGE_LAYOUT);
  // Buttons where the bot cannot add or read reactions (a user install in a server it is not in, a group DM).
  const ballot = ballotKind(interaction);
  const first = renderComparison(comparisonView(record, { ballot }));
  const message = await interaction.editReply(first);
  await services.comparisons.attachMessage(record.id, message.id, interaction.channelId);
  record = { ...record, messageId: message.id };

  const log = withLogContext(services.log, { comparisonId: record.id });
  const editor = createThrottledEditor(
    (payload: ReturnType<typeof renderComparison>) => interaction.editReply(payload),
    {
      intervalMs: EDIT_INTERVAL_MS,
      onError: (error) => log.warn(`comparison ${record.id}: live edit failed: ${String(error)}`),
    },
  );
  // The first answers to arrive wait for the window that reply opened, and go out together in one edit.
  editor.sentElsewhere(first);
  const reacting =
    ballot === 'reactions' ? addVoteReactions(interaction, record.slots.length, message) : Promise.resolve([]);
  reacting.catch(() => undefined); // awaited (and its failure reported) once the answers are in
  const saves: Promise<unknown>[] = [];
  const { OPENAI_MODEL, JUDGE_MODEL } = services.settings;
  const runModels = request.runs.flatMap((run) => (run.model === undefined ? [] : [run.model]));
  const findLeak = createLeakGuard(
    leakMarkers(services.catalog(), [
      OPENAI_MODEL,
      JUDGE_MODEL ?? '',
      ...Object.values(request.modelOverrides),
      ...runModels,
    ]),
  );
  // Without slot plans the slots were shuffled from the runs; with them, each slot names its run. A run shared by
  // two slots is made once, so both show the same answer (presented differently).
  const runsInSlotOrder = request.slots === undefined;
  const runCount = runsInSlotOrder ? record.slots.length : request.runs.length;
  // Started once every run has begun its first step, so its call never takes a pipeline's place in the queue.
  let categorizing: Promise<PartUse[]> | undefined;
  const startCategorizing = () => (categorizing ??= categorize(services, record.id, request.conversation, signal));
  const begun = new Set<number>();
  await services.engine.compare(
    runsInSlotOrder ? record.slots.map(({ pipelineId, model }) => ({ pipelineId, model })) : request.runs,
    request.conversation,
    {
      signal,
      modelOverrides: request.modelOverrides,
      onEvent(event, run) {
        begun.add(run);
        if (begun.size === runCount) startCategorizing();
        if (event.type !== 'pipeline-end') return;
        const shownIn = runsInSlotOrder ? [run] : slotPlans.flatMap((slot, index) => (slot.run === run ? [index] : []));
        for (const index of shownIn) {
          const present = slotPlans[index]?.present;
          const result =
            present && event.result.answer
              ? { ...event.result, answer: present(event.result.answer, event.result) }
              : event.result;
          record.slots[index] = { ...(record.slots[index] as ComparisonRecord['slots'][number]), result };
          saves.push(services.comparisons.setSlotResult(record.id, index, result));
          // Checked before the answer is first shown: it is still shown, but votes on it no longer count as blind.
          const marker = result.status === 'ok' && result.answer ? findLeak(result.answer) : null;
          if (marker !== null) {
            record.leaks = [...(record.leaks ?? []), { slot: index, marker }];
            saves.push(services.comparisons.flagLeak(record.id, { slot: index, marker }));
          }
        }
        // The last answer in goes out with the finished message, one edit instead of two.
        if (record.slots.some((slot) => slot.result === null))
          editor.update(renderComparison(comparisonView(record, { ballot })));
      },
    },
  );
  await Promise.all(saves);
  const use = {
    guildId: record.guildId,
    userHash: record.requesterHash,
    runId: record.id,
    kind: 'compare' as const,
    parts: partsOf(record.slots.map((slot) => slot.result)),
    at: new Date(),
  };
  await recordUse(services, use);
  record = await services.comparisons.finish(record.id);
  editor.update(renderComparison(comparisonView(record, { ballot, askWhy: services.catalog().reasonTags !== null })));
  await editor.flush();
  const added = await reacting;
  await withdrawUnusable(interaction, record, added);
  // The message is complete; a slow category judge only delays this bookkeeping (its timeout bounds the wait). Its
  // calls join the run's recorded use: the same run at the same time, so the record is rewritten, not added to.
  const categoryPart = await startCategorizing();
  if (categoryPart.length > 0) await recordUse(services, { ...use, parts: [...use.parts, ...categoryPart] });
  return record;
}

/** Finds and stores the prompt's category; returns its judge calls as a use part (none when categories are off). */
async function categorize(
  services: Pick<Services, 'comparisons' | 'engine' | 'log'>,
  comparisonId: string,
  conversation: ChatMessage[],
  signal: AbortSignal,
): Promise<PartUse[]> {
  const found = await services.engine.categorize(conversation, { signal });
  if (found === null) return [];
  if (found.problem !== undefined)
    services.log.warn(`comparison ${comparisonId}: category from the fallback patterns (${found.problem})`);
  // A store hiccup here costs the comparison its category (it counts as `other`, `npm run categorize` fills it in
  // later), never its answers.
  await services.comparisons
    .setCategory(comparisonId, { id: found.category, source: found.source })
    .catch((error: unknown) => services.log.warn(`comparison ${comparisonId}: category not stored (${String(error)})`));
  return found.calls === 0
    ? []
    : [{ pipelineId: CATEGORY_PART, calls: found.calls, tokens: found.tokens, costUsd: found.costUsd }];
}

/** Adds every choice the comparison may offer; returns the emoji added (none without the permissions). */
async function addVoteReactions(
  interaction: ChatInputCommandInteraction,
  slotCount: number,
  message: Message,
): Promise<string[]> {
  const emojis = voteEmojis(slotCount);
  const needed = PermissionFlagsBits.AddReactions | PermissionFlagsBits.ReadMessageHistory;
  if (interaction.inGuild() && !interaction.appPermissions.has(needed)) {
    await interaction.followUp({
      content:
        '⚠️ I cannot add the vote reactions here (I need Add Reactions and Read Message History in this channel). You can still vote by reacting with 🇦 🇧 🇨 🇩, 🤝 or 👎 yourself.',
      flags: MessageFlags.Ephemeral,
    });
    return [];
  }
  // In one burst: discord.js queues requests of one rate-limit bucket (the message's reactions) in the order given,
  // so they still arrive in ballot order, without a round trip of ours between two.
  await Promise.all(emojis.map((emoji) => message.react(emoji)));
  return emojis;
}

/** Removes the bot's reactions for choices that did not come through: a failed slot's letter, 🤝 with one answer. */
async function withdrawUnusable(
  interaction: ChatInputCommandInteraction,
  record: ComparisonRecord,
  added: readonly string[],
) {
  const offered = ballotEmojis(record.slots.map((slot) => slot.result?.status === 'ok'));
  const { channelId, messageId } = record;
  if (channelId === null || messageId === null) return;
  await Promise.all(
    added
      .filter((emoji) => !offered.includes(emoji))
      .map((emoji) =>
        interaction.client.rest.delete(
          Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)),
        ),
      ),
  );
}
