// Settings that name a pipeline (DEFAULT_PIPELINE, COMPARE_PIPELINES, a server's /config) and the check that
// each still exists in a catalog: at start-up, so an operator's typo never reaches users, and before a reload
// replaces the catalog, so moving a pipeline file away cannot break /compare while the bot runs.
import path from 'node:path';
import type { Catalog } from './load-catalog.ts';

export interface PipelineUse {
  pipelineId: string;
  /** Where the id is set, for messages: "COMPARE_PIPELINES", "server 123's /config default-pipeline". */
  setting: string;
}

/** One line per use whose pipeline the catalog lacks, naming the setting and the pipelines it does have. */
export function missingPipelines(catalog: Catalog, uses: readonly PipelineUse[]): string[] {
  const known = [...catalog.pipelines.keys()].sort().join(', ');
  const folder = path.join(catalog.dir, 'pipelines', '/');
  return uses
    .filter((use) => !catalog.pipelines.has(use.pipelineId))
    .map((use) => `${use.setting} names "${use.pipelineId}", which is not a pipeline in ${folder} (known: ${known})`);
}

/** The pipelines the deployment's .env names. */
export function envPipelineUses(settings: {
  DEFAULT_PIPELINE: string;
  COMPARE_PIPELINES: readonly string[];
}): PipelineUse[] {
  return [
    { pipelineId: settings.DEFAULT_PIPELINE, setting: 'DEFAULT_PIPELINE' },
    ...settings.COMPARE_PIPELINES.map((pipelineId) => ({ pipelineId, setting: 'COMPARE_PIPELINES' })),
  ];
}
