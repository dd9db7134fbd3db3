// Builds the model client and the engine from settings: the part of the composition root that the
// terminal front end and the Discord bot share.
import { type CatalogHolder, holdCatalog } from '../catalog/catalog-holder.ts';
import type { PipelineUse } from '../catalog/pipeline-uses.ts';
import type { EngineSettings } from '../config/env.ts';
import { type Engine, createEngine } from '../engine/create-engine.ts';
import type { ChatModel } from '../llm/chat-model.ts';
import { createOpenAIChatModel } from '../llm/openai-chat-model.ts';
import { createServedModels, type ServedModels } from '../llm/served-models.ts';
import type { Logger } from '../base/logger.ts';

export interface EngineParts {
  catalog: CatalogHolder;
  model: ChatModel;
  /** Which models the model server lists, for checking the models a comparison is crossed with. */
  servedModels: ServedModels;
  engine: Engine;
}

export interface EngineBuildOptions {
  watchPrompts?: boolean;
  log?: Logger;
  /** Pipelines settings name; a prompts reload that would remove one of them is refused. */
  pipelinesInUse?: () => Promise<readonly PipelineUse[]>;
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export async function buildEngine(settings: EngineSettings, options: EngineBuildOptions = {}): Promise<EngineParts> {
  const log = options.log ?? silent;
  const catalog = await holdCatalog(settings.PROMPTS_DIR, {
    watch: options.watchPrompts,
    pipelinesInUse: options.pipelinesInUse,
    onReload: (outcome) => (outcome.ok ? log.info(outcome.message) : log.warn(outcome.message)),
  });
  const model = createOpenAIChatModel({
    baseURL: settings.OPENAI_BASE_URL,
    apiKey: settings.OPENAI_API_KEY,
    timeoutMs: settings.LLM_TIMEOUT_MS,
    maxRetries: settings.LLM_MAX_RETRIES,
    concurrency: settings.LLM_CONCURRENCY,
    jsonMode: settings.JSON_MODE,
    // Read through the holder so edited prices apply after a reload.
    get prices() {
      return catalog.current().prices;
    },
  });
  const engine = createEngine({
    catalog: catalog.current,
    model,
    models: { generator: settings.OPENAI_MODEL, judge: settings.JUDGE_MODEL ?? settings.OPENAI_MODEL },
    pipelineTimeoutMs: settings.PIPELINE_TIMEOUT_MS,
    logError: (reference, error) => log.error(`pipeline failed [${reference}]`, error, { reference }),
  });
  return {
    catalog,
    model,
    servedModels: createServedModels({ baseURL: settings.OPENAI_BASE_URL, apiKey: settings.OPENAI_API_KEY }),
    engine,
  };
}
