// Gathers what the cards of every pipeline are built from, reading each source once: the catalog (steps, prompts,
// versions), a counted leaderboard (its rows carry their outcomes per prompt category), the stored experiments, the
// latest safety and reasoning runs and the agreement report in the eval results folder. A source that cannot be read
// becomes that section's reason on every card, not a failure of all.
import type { Catalog } from '../catalog/load-catalog.ts';
import { pipelineVersion, type ResolvedModels } from '../engine/pipeline-version.ts';
import { readStoredAgreement } from '../eval/agreement/stored-agreement.ts';
import { reasoningSuite } from '../eval/reasoning/reasoning-suite.ts';
import { safetySuite } from '../eval/safety/safety-suite.ts';
import { readLatestRun } from '../eval/stored-runs.ts';
import type { Leaderboard } from '../ratings/leaderboard.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import { experimentMentions } from './experiment-mentions.ts';
import type { CardEvidence, Evidence } from './build-technique-card.ts';
import type { RowCategoryTally } from '../ratings/category-tallies.ts';

export interface CardSources {
  catalog: Catalog;
  /** What `generator` and `judge` resolve to, as for the bot's runs: part of each version. */
  models: ResolvedModels;
  board: { leaderboard: Leaderboard; scope: string };
  /** The experiments in scope (the card lists those with an arm of its pipeline). */
  experiments: readonly ExperimentRecord[];
  /** Where `npm run eval` and `npm run agreement` keep their results. */
  resultsDir: string;
  now: Date;
}

async function evidenceOf<T>(read: () => Promise<T | null>): Promise<Evidence<T>> {
  try {
    const value = await read();
    return value === null ? { kind: 'none' } : { kind: 'found', value };
  } catch (error) {
    return { kind: 'unreadable', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** This version's outcomes per prompt category, from its board row; null when categories are off. */
function categoryTallies(
  catalog: Catalog,
  board: Leaderboard,
  pipelineId: string,
  version: string,
): RowCategoryTally[] | null {
  if (catalog.categories === null) return null;
  const row = board.rows.find((candidate) => candidate.technique === pipelineId && candidate.version === version);
  return row?.byCategory ?? [];
}

/** Reads the sources; the result builds the evidence of any pipeline in the catalog. */
export async function gatherEvidence(sources: CardSources): Promise<(pipelineId: string) => CardEvidence> {
  const [safety, reasoning, agreement] = await Promise.all([
    evidenceOf(() => readLatestRun(sources.resultsDir, safetySuite)),
    evidenceOf(() => readLatestRun(sources.resultsDir, reasoningSuite)),
    evidenceOf(() => readStoredAgreement(sources.resultsDir)),
  ]);
  const { catalog, models } = sources;
  return (pipelineId) => {
    const pipeline = catalog.pipelines.get(pipelineId);
    if (pipeline === undefined) throw new Error(`gatherEvidence: no pipeline "${pipelineId}" in the catalog`);
    const version = pipelineVersion(pipeline, catalog, models);
    return {
      pipeline,
      version,
      models,
      system: pipeline.system ?? catalog.system,
      board: sources.board,
      categories: categoryTallies(catalog, sources.board.leaderboard, pipelineId, version),
      safety,
      reasoning,
      agreement,
      experiments: experimentMentions(sources.experiments, pipelineId),
      generatedAt: sources.now,
    };
  };
}
