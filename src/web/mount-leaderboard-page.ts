// The public leaderboard page's routes: the HTML page, leaderboard.json, the two chart PNGs, the trl-dpo dataset and
// the technique cards (Markdown, JSON, PNG), all from the servers that publish. Read-only. The dataset is the file
// the published board's count wrote (published-dataset.ts), served from disk: a download never reads the store. The
// export's meta sidecar is never served: it holds voter hashes. The page and leaderboard.json take `?category=` to
// rank within one prompt category (one of prompts/categories.yaml).
import { publishedDatasetPath } from '../export/published-dataset.ts';
import { fileReply } from './file-reply.ts';
import { type HttpReply, type HttpServer, textReply } from './http-server.ts';
import { leaderboardJson } from '../render/leaderboard-json.ts';
import type { Leaderboards } from '../boards/leaderboard-service.ts';
import { cachedLeaderboard } from './cached-leaderboard.ts';
import { renderLeaderboardPage } from './leaderboard-page.ts';
import { buildLeaderboardSnapshot, PUBLISHED_BOARD, type LeaderboardSnapshot } from './leaderboard-snapshot.ts';
import type { IncomingMessage } from 'node:http';
import type { Catalog } from '../catalog/load-catalog.ts';
import type { ExperimentStore } from '../records/experiments/experiment-store.ts';
import type { Store } from '../store/open-store.ts';
import { EVAL_RESULTS_DIR } from '../eval/stored-runs.ts';
import { renderCardMarkdown } from '../render/cards/card-markdown.ts';
import { buildCardSnapshot, type CardSnapshot } from './technique-cards.ts';
import { WEB_PATHS } from './web-paths.ts';

const CACHED = { 'cache-control': 'public, max-age=60' };

const png = (image: Buffer | null): HttpReply =>
  image === null
    ? textReply(404, 'no chart yet: nobody has voted\n')
    : { status: 200, contentType: 'image/png', body: image, headers: CACHED };

/** The card a request names with ?pipeline=, or the reply saying why there is none. */
async function requestedCard(
  request: { url?: string },
  cards: () => Promise<CardSnapshot>,
): Promise<{ card: CardSnapshot['cards'][number]; snapshot: CardSnapshot } | HttpReply> {
  const pipelineId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('pipeline');
  if (pipelineId === null) return textReply(400, 'say which pipeline: ?pipeline=<id>\n');
  const snapshot = await cards();
  const card = snapshot.cards.find((candidate) => candidate.pipeline.id === pipelineId);
  return card === undefined ? textReply(404, `no pipeline called ${pipelineId}\n`) : { card, snapshot };
}

export function mountLeaderboardPage(
  server: HttpServer,
  sources: {
    leaderboards: Leaderboards;
    catalog(): Catalog;
    experiments: Pick<ExperimentStore, 'all'>;
    store: Store;
    settings: { DATA_DIR: string; OPENAI_MODEL: string; JUDGE_MODEL?: string | undefined };
  },
  options: { now?: () => number; evalResultsDir?: string } = {},
): void {
  const categories = () => sources.catalog().categories?.categories.map((category) => category.id) ?? [];
  // One cache per category anyone asked for; only the catalog's categories, so a crawler cannot start counts at will.
  const snapshots = new Map<string, () => Promise<LeaderboardSnapshot>>();
  const snapshotIn = (category: string | null) => {
    const key = category ?? '';
    let cached = snapshots.get(key);
    if (cached === undefined)
      snapshots.set(
        key,
        (cached = cachedLeaderboard(
          () => buildLeaderboardSnapshot(sources.leaderboards, category, categories()),
          options,
        )),
      );
    return cached();
  };
  /** `?category=` names a known category; anything else is a 404 that lists them. */
  const withCategory = async (
    request: IncomingMessage,
    reply: (snapshot: LeaderboardSnapshot) => HttpReply,
  ): Promise<HttpReply> => {
    const asked = new URL(request.url ?? '/', 'http://localhost').searchParams.get('category');
    if (asked === null || asked === '') return reply(await snapshotIn(null));
    if (!categories().includes(asked))
      return textReply(404, `no prompt category "${asked}"; known: ${categories().join(', ') || 'none'}\n`);
    return reply(await snapshotIn(asked));
  };
  const { OPENAI_MODEL, JUDGE_MODEL } = sources.settings;
  // The cards quote the page's board of every prompt (its rows carry their outcomes per category too).
  const cards = cachedLeaderboard(
    async () =>
      buildCardSnapshot(await snapshotIn(null), {
        catalog: sources.catalog,
        experiments: sources.experiments,
        store: sources.store,
        models: { generator: OPENAI_MODEL, judge: JUDGE_MODEL ?? OPENAI_MODEL },
        resultsDir: options.evalResultsDir ?? EVAL_RESULTS_DIR,
      }),
    options,
  );
  // Asked at most once a minute by downloads: counts the published board (writing the file) when never counted, and
  // waits for the recount when votes or ballots changed, so a prompt deleted since (/forget-me, retention) or a
  // server that stopped publishing is gone from the next download. A failed recount (logged by the service) leaves
  // the last file.
  const published = cachedLeaderboard(async () => {
    const served = await sources.leaderboards.get(PUBLISHED_BOARD);
    await served.recount?.catch(() => undefined);
  }, options);
  const datasetPath = publishedDatasetPath(sources.settings.DATA_DIR);
  server.get(WEB_PATHS.page, async (request) => {
    const cardList = (await cards()).cards;
    return withCategory(request, (snapshot) => ({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: renderLeaderboardPage(snapshot, cardList),
      headers: CACHED,
    }));
  });
  server.get(WEB_PATHS.json, (request) =>
    withCategory(request, (snapshot) => ({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: leaderboardJson(snapshot.board, { scope: 'published', guildId: null }),
      headers: CACHED,
    })),
  );
  server.get(WEB_PATHS.ratingsChart, async () => png((await snapshotIn(null)).charts.ratings));
  server.get(WEB_PATHS.matrixChart, async () => png((await snapshotIn(null)).charts.matrix));
  server.get(WEB_PATHS.cardJson, async (request) => {
    const found = await requestedCard(request, cards);
    if (!('card' in found)) return found;
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(found.card, null, 2)}\n`,
      headers: CACHED,
    };
  });
  server.get(WEB_PATHS.cardMarkdown, async (request) => {
    const found = await requestedCard(request, cards);
    if (!('card' in found)) return found;
    return {
      status: 200,
      contentType: 'text/markdown; charset=utf-8',
      body: renderCardMarkdown(found.card),
      headers: CACHED,
    };
  });
  server.get(WEB_PATHS.cardPng, async (request) => {
    const found = await requestedCard(request, cards);
    if (!('card' in found)) return found;
    return png(await found.snapshot.png(found.card.pipeline.id));
  });
  server.get(WEB_PATHS.dataset, async (request) => {
    await published();
    return fileReply(datasetPath, request, {
      contentType: 'application/jsonl; charset=utf-8',
      // Revalidated on every use: the ETag makes that a 304 until the next recount.
      headers: {
        'content-disposition': 'attachment; filename="dialog-lab-trl-dpo.jsonl"',
        'cache-control': 'public, no-cache',
      },
      missing: 'no dataset yet: it is written when the leaderboard is first counted\n',
    });
  });
}
