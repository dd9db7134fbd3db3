// Counts every comparison and pipeline run of an engine, whoever asks for it (/compare, /ask, chat), by
// wrapping the engine's two entry points. The engine itself knows nothing about metrics.
import type { Engine } from '../engine/create-engine.ts';
import type { BotMetrics } from './bot-metrics.ts';

export function instrumentEngine(engine: Engine, metrics: BotMetrics): Engine {
  return {
    ...engine,
    async run(pipelineId, conversation, options) {
      const result = await engine.run(pipelineId, conversation, options);
      metrics.pipelineFinished(result);
      return result;
    },
    async compare(runs, conversation, options) {
      metrics.compareStarted(runs.map((entry) => entry.pipelineId));
      const results = await engine.compare(runs, conversation, options);
      for (const result of results) metrics.pipelineFinished(result);
      return results;
    },
  };
}
