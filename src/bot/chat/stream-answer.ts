// Runs one pipeline for a visible (non-blind) answer and streams its final step's text into a message
// through throttled edits. Used by /ask and chat.
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../llm/chat-model.ts';
import type { PipelineResult } from '../../engine/trace.ts';
import { type RememberedFacts, withRememberedFacts } from '../../engine/memory/memory-block.ts';
import { renderChatReply } from '../../render/discord/chat-reply.ts';
import { formatTotals } from '../../render/format-totals.ts';
import { partsOf, recordUse } from '../record-use.ts';
import type { Services } from '../services.ts';
import { createThrottledEditor } from '../sessions/throttled-editor.ts';

export const EDIT_INTERVAL_MS = 1200;

export function footerOf(result: PipelineResult): string {
  return `${result.pipelineId} · ${formatTotals(result.totals)}`;
}

/**
 * `show` receives the message chunks to display (the first chunk is the live message). Only the text of
 * the pipeline's last step streams: earlier steps (a draft, the reasoning) would be replaced anyway.
 */
export async function streamAnswer(
  services: Pick<Services, 'engine' | 'limits' | 'log' | 'usage'>,
  input: {
    pipelineId: string;
    conversation: ChatMessage[];
    modelOverrides: Record<string, string>;
    /** A channel's persona, replacing the system prompt. */
    system?: string;
    /** Remembered facts, quoted as data in the latest user turn (never in the system prompt). */
    memories?: RememberedFacts;
    guildId: string | null;
    /** The asker's salted hash, whose use the run counts toward. */
    userHash: string;
    signal: AbortSignal;
  },
  show: (chunks: string[]) => Promise<unknown>,
): Promise<PipelineResult> {
  const pipeline = services.engine.pipeline(input.pipelineId);
  const lastStepId = pipeline.steps.at(-1)?.id ?? '';
  const editor = createThrottledEditor(show, {
    intervalMs: EDIT_INTERVAL_MS,
    onError: (error) => services.log.warn(`live answer edit failed: ${String(error)}`),
  });
  let step = '';
  let text = '';
  const result = await services.engine.run(input.pipelineId, withRememberedFacts(input.conversation, input.memories), {
    signal: input.signal,
    modelOverrides: input.modelOverrides,
    system: input.system,
    onEvent(event) {
      if (event.type !== 'text-delta' || (event.step !== lastStepId && !event.step.startsWith(`${lastStepId}.`)))
        return;
      if (event.step !== step) [step, text] = [event.step, ''];
      text += event.delta;
      editor.update(renderChatReply(text, null, { streaming: true }).slice(0, 1));
    },
  });
  await editor.flush();
  await recordUse(services, {
    guildId: input.guildId,
    userHash: input.userHash,
    runId: randomUUID(),
    kind: 'answer',
    parts: partsOf([result]),
  });
  return result;
}
