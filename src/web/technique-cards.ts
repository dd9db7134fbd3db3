// The public page's technique cards: one per pipeline in the catalog at its current version, built from the same
// published board the page's table shows (so their figures are the table's), the publishing servers' experiments
// and the eval results folder. Built with the page's board, at most once a minute; a card's PNG is drawn when first
// asked for, then kept with them.
import type { Catalog } from '../catalog/load-catalog.ts';
import { buildTechniqueCard } from '../cards/build-technique-card.ts';
import { gatherEvidence } from '../cards/gather-evidence.ts';
import type { TechniqueCard } from '../cards/technique-card.ts';
import type { ResolvedModels } from '../engine/pipeline-version.ts';
import type { ExperimentStore } from '../records/experiments/experiment-store.ts';
import { publishedGuildIds } from '../records/published-guilds.ts';
import type { Store } from '../store/open-store.ts';
import { renderCardPng } from '../render/charts/card-chart.ts';
import type { LeaderboardSnapshot } from './leaderboard-snapshot.ts';

export interface CardSnapshot {
  cards: TechniqueCard[];
  /** The card's PNG summary by pipeline id, drawn once. */
  png(pipelineId: string): Promise<Buffer> | null;
}

export interface PageCardSources {
  catalog(): Catalog;
  /** Where the experiments are kept, and the store whose server settings say which servers publish. */
  experiments: Pick<ExperimentStore, 'all'>;
  store: Store;
  models: ResolvedModels;
  resultsDir: string;
}

export async function buildCardSnapshot(
  snapshot: LeaderboardSnapshot,
  sources: PageCardSources,
): Promise<CardSnapshot> {
  const catalog = sources.catalog();
  // Like the votes, only the experiments of servers that publish reach the page.
  const publishing = await publishedGuildIds(sources.store);
  const experiments = [];
  for await (const record of sources.experiments.all()) if (publishing.has(record.guildId)) experiments.push(record);
  const evidenceOf = await gatherEvidence({
    catalog,
    models: sources.models,
    board: { leaderboard: snapshot.board, scope: 'the publishing servers' },
    experiments,
    resultsDir: sources.resultsDir,
    now: snapshot.builtAt,
  });
  const cards = [...catalog.pipelines.keys()].map((id) => buildTechniqueCard(evidenceOf(id)));
  const pngs = new Map<string, Promise<Buffer>>();
  return {
    cards,
    png(pipelineId) {
      const card = cards.find((candidate) => candidate.pipeline.id === pipelineId);
      if (card === undefined) return null;
      let png = pngs.get(pipelineId);
      if (png === undefined) pngs.set(pipelineId, (png = renderCardPng(card)));
      return png;
    },
  };
}
