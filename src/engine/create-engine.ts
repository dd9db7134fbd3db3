// The engine facade used by every front end (terminal, Discord): look pipelines up in the current
// catalog and run one or several concurrently. No Discord code here.
import type { Catalog } from '../catalog/load-catalog.ts';
import type { Pipeline } from '../catalog/pipeline-schema.ts';
import { UserError } from '../base/user-error.ts';
import type { ChatMessage, ChatModel } from '../llm/chat-model.ts';
import type { MemoryPrompt } from '../catalog/data-schemas.ts';
import type { EngineEvent, EngineListener } from './events.ts';
import { extractFacts, type FactExtraction } from './memory/extract-facts.ts';
import { categorizePrompt, type Categorization } from './categorize/categorize-prompt.ts';
import { pipelineVersion } from './pipeline-version.ts';
import { runPipeline } from './run-pipeline.ts';
import type { PipelineResult } from './trace.ts';

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
  /** Replaces the engine's random source for this run, so an eval can seed each run on its own. */
  random?: () => number;
}

/** One answer of a comparison: a pipeline, with `model` as its generator model when given (/compare models:). */
export interface CompareRun {
  pipelineId: string;
  model?: string;
}

export interface CompareOptions extends Omit<RunOptions, 'onEvent'> {
  /** Also names the run (its index in the order asked): one pipeline may run once per model. */
  onEvent?: (event: EngineEvent, run: number) => void;
}

export interface Engine {
  pipelines(): Pipeline[];
  pipeline(id: string): Pipeline;
  /** The content hash a run of this pipeline would carry now (see pipelineVersion). */
  version(id: string, modelOverrides?: Readonly<Record<string, string>>): string;
  run(pipelineId: string, conversation: ChatMessage[], options?: RunOptions): Promise<PipelineResult>;
  /** Runs every run concurrently; results come back in the order asked. Never rejects for a model failure. */
  compare(
    runs: readonly CompareRun[],
    conversation: ChatMessage[],
    options?: CompareOptions,
  ): Promise<PipelineResult[]>;
  /** The memory settings from prompts/memory.yaml; null when long-term memory is switched off there. */
  memoryPrompt(): MemoryPrompt | null;
  /** Runs the memory step over one user message: the facts its author stated about themselves. */
  extractFacts(text: string, options?: { signal?: AbortSignal }): Promise<FactExtraction>;
  /** The prompt-category step (prompts/categories.yaml) over the last user turn; null when that file is absent. */
  categorize(conversation: readonly ChatMessage[], options?: { signal?: AbortSignal }): Promise<Categorization | null>;
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
    });
  };
  const resolveModel = (reference: string) =>
    reference === 'generator' ? options.models.generator : reference === 'judge' ? options.models.judge : reference;
  return {
    pipelines: () => [...options.catalog().pipelines.values()],
    pipeline,
    version: (id, modelOverrides) => pipelineVersion(pipeline(id), options.catalog(), modelsFor(id, modelOverrides)),
    run,
    compare(runs, conversation, { onEvent, ...shared } = {}) {
      runs.forEach((entry) => pipeline(entry.pipelineId)); // unknown ids are the user's mistake: report before any call is made
      return Promise.all(
        runs.map((entry, index) =>
          run(entry.pipelineId, conversation, {
            ...shared,
            // A run's own model goes through the same override as a server's /config model, so versions and traces agree.
            modelOverrides:
              entry.model === undefined
                ? shared.modelOverrides
                : { ...shared.modelOverrides, [entry.pipelineId]: entry.model },
            onEvent: onEvent && ((event) => onEvent(event, index)),
          }),
        ),
      );
    },
    memoryPrompt: () => options.catalog().memory,
    async extractFacts(text, extractOptions = {}) {
      const prompt = options.catalog().memory;
      if (!prompt)
        return { status: 'error', message: 'long-term memory is switched off (prompts/memory.yaml is missing)' };
      return extractFacts(text, prompt, { model: options.model, resolveModel, signal: extractOptions.signal });
    },
    async categorize(conversation, categorizeOptions = {}) {
      const prompt = options.catalog().categories;
      if (!prompt) return null;
      return categorizePrompt(conversation, prompt, {
        model: options.model,
        resolveModel,
        signal: categorizeOptions.signal,
      });
    },
  };
}
