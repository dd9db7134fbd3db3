// The engine facade used by every front end (terminal, Discord): look pipelines up in the current
// catalog and run one or several concurrently. No Discord code here.
import type { Catalog } from '../catalog/load-catalog.js';
import type { Pipeline } from '../catalog/pipeline-schema.js';
import { UserError } from '../errors/user-error.js';
import type { ChatMessage, ChatModel } from '../llm/chat-model.js';
import type { MemoryPrompt } from '../catalog/data-schemas.js';
import type { EngineListener } from './events.js';
import { extractFacts, type FactExtraction } from './extract-facts.js';
import { pipelineVersion } from './pipeline-version.js';
import { runPipeline } from './run-pipeline.js';
import type { PipelineResult } from './trace.js';

export interface EngineOptions {
  /** Called per run so a hot-reloaded catalog applies to the next request. */
  catalog: () => Catalog;
  model: ChatModel;
  models: { generator: string; judge: string };
  pipelineTimeoutMs: number;
  random?: () => number;
  logError?: (reference: string, error: unknown) => void;
}

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: EngineListener;
  /** Per-pipeline generator model overrides (from a server's /config). */
  modelOverrides?: Readonly<Record<string, string>>;
  /** Replaces the pipeline's system prompt, e.g. a channel's persona. */
  system?: string;
  /** Added after the system prompt, e.g. what the bot remembers about the user. */
  context?: string;
  /** Replaces the engine's random source for this run, so an eval can seed each run on its own. */
  random?: () => number;
}

export interface Engine {
  pipelines(): Pipeline[];
  pipeline(id: string): Pipeline;
  /** The content hash a run of this pipeline would carry now (see pipelineVersion). */
  version(id: string, modelOverrides?: Readonly<Record<string, string>>): string;
  run(pipelineId: string, conversation: ChatMessage[], options?: RunOptions): Promise<PipelineResult>;
  /** Runs every pipeline concurrently; results come back in the order asked. Never rejects for a model failure. */
  compare(pipelineIds: string[], conversation: ChatMessage[], options?: RunOptions): Promise<PipelineResult[]>;
  /** The memory settings from prompts/memory.yaml; null when long-term memory is switched off there. */
  memoryPrompt(): MemoryPrompt | null;
  /** Runs the memory step over one user message: the facts its author stated about themselves. */
  extractFacts(text: string, options?: { signal?: AbortSignal }): Promise<FactExtraction>;
}

export function createEngine(options: EngineOptions): Engine {
  const pipeline = (id: string): Pipeline => {
    const found = options.catalog().pipelines.get(id);
    if (!found) {
      const known = [...options.catalog().pipelines.keys()].join(', ');
      throw new UserError('unknown-pipeline', `There is no pipeline called "${id}". Available: ${known}.`);
    }
    return found;
  };
  const modelsFor = (id: string, modelOverrides: RunOptions['modelOverrides']) => {
    const override = modelOverrides?.[id];
    return override ? { ...options.models, generator: override } : options.models;
  };
  const run = (id: string, conversation: ChatMessage[], runOptions: RunOptions = {}) => {
    const chosen = pipeline(id);
    return runPipeline(chosen, conversation, {
      catalog: options.catalog(),
      model: options.model,
      models: modelsFor(id, runOptions.modelOverrides),
      timeoutMs: options.pipelineTimeoutMs,
      signal: runOptions.signal,
      onEvent: runOptions.onEvent,
      random: runOptions.random ?? options.random,
      logError: options.logError,
      system: runOptions.system,
      context: runOptions.context,
    });
  };
  return {
    pipelines: () => [...options.catalog().pipelines.values()],
    pipeline,
    version: (id, modelOverrides) => pipelineVersion(pipeline(id), options.catalog(), modelsFor(id, modelOverrides)),
    run,
    compare(pipelineIds, conversation, runOptions) {
      pipelineIds.forEach(pipeline); // unknown ids are the user's mistake: report before any call is made
      return Promise.all(pipelineIds.map((id) => run(id, conversation, runOptions)));
    },
    memoryPrompt: () => options.catalog().memory,
    async extractFacts(text, extractOptions = {}) {
      const prompt = options.catalog().memory;
      if (!prompt) return { status: 'error', message: 'long-term memory is switched off (prompts/memory.yaml is missing)' };
      const resolveModel = (reference: string) =>
        reference === 'generator' ? options.models.generator : reference === 'judge' ? options.models.judge : reference;
      return extractFacts(text, prompt, { model: options.model, resolveModel, signal: extractOptions.signal });
    },
  };
}
