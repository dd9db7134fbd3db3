// What a visible answer (chat or /ask) runs with besides the conversation: the channel's pipeline, model and
// persona over the server's, and the asker's remembered facts when they opted in to memory. After the answer,
// `learnFrom` runs the memory step over the asker's own message only, never over anyone else's.
import { randomUUID } from 'node:crypto';
import { channelSettings, type EffectiveConfig } from '../guild-config/guild-config.js';
import type { Services } from './services.js';

export interface PreparedAnswer {
  pipelineId: string;
  modelOverrides: Record<string, string>;
  system: string | undefined;
  context: string | undefined;
  /** The facts given to the model, shown under the answer. */
  memories: string[];
}

export async function prepareAnswer(
  services: Services,
  request: { config: EffectiveConfig; channelId: string | null; userHash: string; latestText: string; pipelineId?: string | null },
): Promise<PreparedAnswer> {
  const channel = channelSettings(request.config, request.channelId, request.pipelineId);
  const memoryPrompt = services.engine.memoryPrompt();
  const memories = memoryPrompt && request.latestText
    ? await services.memory.recall(request.userHash, request.latestText, memoryPrompt.recall.k)
    : [];
  const context = memoryPrompt && memories.length ? `${memoryPrompt.recall.heading}\n${memories.map((fact) => `- ${fact}`).join('\n')}` : undefined;
  return { pipelineId: channel.pipelineId, modelOverrides: channel.modelOverrides, system: channel.persona, context, memories };
}

/** Stores what the user said about themselves, if they opted in. Runs after the answer is shown. */
export async function learnFrom(services: Services, request: { userHash: string; text: string; guildId: string | null; signal: AbortSignal }): Promise<void> {
  if (!request.text || !services.engine.memoryPrompt()) return;
  if (!(await services.memory.read(request.userHash))?.enabled) return; // no model call, nothing kept, without opt-in
  const extraction = await services.engine.extractFacts(request.text, { signal: request.signal });
  if (extraction.status === 'error') {
    // Deliberately only logged: the answer is already shown, and a missed fact costs nothing but recall.
    services.log.warn(`memory step failed: ${extraction.message}`);
    return;
  }
  await services.limits.recordCost({ guildId: request.guildId, runId: `memory-${randomUUID()}`, costUsd: extraction.costUsd });
  await services.memory.remember(request.userHash, extraction.facts);
}
