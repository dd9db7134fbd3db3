// What a visible answer (chat or /ask) runs with besides the conversation: the channel's pipeline, model and
// persona over the server's, and the asker's remembered facts when they opted in to memory (given to the model
// as quoted data in the asker's turn, shown only to the asker). After the answer, `learnFrom` runs the memory
// step over the asker's own message only, never over anyone else's.
import { randomUUID } from 'node:crypto';
import { channelSettings, type EffectiveConfig } from '../../records/guild-config.ts';
import { factKey } from '../../engine/memory/fact-key.ts';
import type { RememberedFacts } from '../../engine/memory/memory-block.ts';
import type { ButtonRow } from '../../render/discord/button-rows.ts';
import { renderMemoryButton } from '../../render/discord/memory-used.ts';
import { recordUse } from '../record-use.ts';
import type { Services } from '../services.ts';

/** What this module's handlers use of the bot's services. */
type PrepareAnswerServices = Pick<Services, 'engine' | 'limits' | 'log' | 'memory' | 'usage'>;

export interface PreparedAnswer {
  pipelineId: string;
  modelOverrides: Record<string, string>;
  system: string | undefined;
  /** The facts given to the model; absent when none were recalled. */
  memories: RememberedFacts | undefined;
}

export async function prepareAnswer(
  services: PrepareAnswerServices,
  request: {
    config: EffectiveConfig;
    channelId: string | null;
    userHash: string;
    latestText: string;
    pipelineId?: string | null;
  },
): Promise<PreparedAnswer> {
  const channel = channelSettings(request.config, request.channelId, request.pipelineId);
  const memoryPrompt = services.engine.memoryPrompt();
  const facts =
    memoryPrompt && request.latestText
      ? await services.memory.recall(request.userHash, request.latestText, memoryPrompt.recall.k)
      : [];
  const memories = memoryPrompt && facts.length ? { heading: memoryPrompt.recall.heading, facts } : undefined;
  return { pipelineId: channel.pipelineId, modelOverrides: channel.modelOverrides, system: channel.persona, memories };
}

/** The "What did you remember?" button for the public answer; none when no fact was used. */
export const memoryButton = (ownerId: string, userHash: string, memories: RememberedFacts | undefined): ButtonRow[] =>
  renderMemoryButton(
    ownerId,
    (memories?.facts ?? []).map((fact) => factKey(userHash, fact)),
  );

/** Stores what the user said about themselves, if they opted in. Runs after the answer is shown. */
export async function learnFrom(
  services: PrepareAnswerServices,
  request: { userHash: string; text: string; guildId: string | null; signal: AbortSignal },
): Promise<void> {
  if (!request.text || !services.engine.memoryPrompt()) return;
  if (!(await services.memory.read(request.userHash))?.enabled) return; // no model call, nothing kept, without opt-in
  const extraction = await services.engine.extractFacts(request.text, { signal: request.signal });
  if (extraction.status === 'error') {
    // Deliberately only logged: the answer is already shown, and a missed fact costs nothing but recall.
    services.log.warn(`memory step failed: ${extraction.message}`);
    return;
  }
  const part = { pipelineId: 'memory', calls: 1, tokens: extraction.tokens, costUsd: extraction.costUsd };
  await recordUse(services, {
    guildId: request.guildId,
    userHash: request.userHash,
    runId: `memory-${randomUUID()}`,
    kind: 'memory',
    parts: [part],
  });
  // The count only: the refused text is the user's, and logs are not the place for it.
  if (extraction.refused > 0)
    services.log.info(`memory step: refused ${extraction.refused} fact(s) that read as instructions or were too long`);
  await services.memory.remember(request.userHash, extraction.facts);
}
