// The public leaderboard page's routes: the HTML page, leaderboard.json, the two chart PNGs and the trl-dpo
// dataset, all from the servers that publish. Read-only. The dataset is the file the published board's count
// wrote (published-dataset.ts), served from disk: a download never reads the store. The export's meta sidecar is
// never served: it holds voter hashes.
import { publishedDatasetPath } from '../export/published-dataset.js';
import { fileReply } from './file-reply.js';
import { type HttpReply, type HttpServer, textReply } from './http-server.js';
import { leaderboardJson } from '../render/leaderboard-json.js';
import type { Leaderboards } from '../boards/leaderboard-service.js';
import { cachedLeaderboard } from './cached-leaderboard.js';
import { renderLeaderboardPage } from './leaderboard-page.js';
import { buildLeaderboardSnapshot, PUBLISHED_BOARD } from './leaderboard-snapshot.js';
import { WEB_PATHS } from './web-paths.js';

const CACHED = { 'cache-control': 'public, max-age=60' };

const png = (image: Buffer | null): HttpReply => (image === null ? textReply(404, 'no chart yet: nobody has voted\n') : { status: 200, contentType: 'image/png', body: image, headers: CACHED });

export function mountLeaderboardPage(server: HttpServer, sources: { leaderboards: Leaderboards; settings: { DATA_DIR: string } }, options: { now?: () => number } = {}): void {
  const snapshot = cachedLeaderboard(() => buildLeaderboardSnapshot(sources.leaderboards), options);
  // Asked at most once a minute by downloads: counts the published board (writing the file) when never counted, and
  // waits for the recount when votes or ballots changed, so a prompt deleted since (/forget-me, retention) or a
  // server that stopped publishing is gone from the next download. A failed recount (logged by the service) leaves
  // the last file.
  const published = cachedLeaderboard(async () => {
    const served = await sources.leaderboards.get(PUBLISHED_BOARD);
    await served.recount?.catch(() => undefined);
  }, options);
  const datasetPath = publishedDatasetPath(sources.settings.DATA_DIR);
  server.get(WEB_PATHS.page, async () => ({ status: 200, contentType: 'text/html; charset=utf-8', body: renderLeaderboardPage(await snapshot()), headers: CACHED }));
  server.get(WEB_PATHS.json, async () => ({ status: 200, contentType: 'application/json; charset=utf-8', body: leaderboardJson((await snapshot()).board, { scope: 'published', guildId: null }), headers: CACHED }));
  server.get(WEB_PATHS.ratingsChart, async () => png((await snapshot()).charts.ratings));
  server.get(WEB_PATHS.matrixChart, async () => png((await snapshot()).charts.matrix));
  server.get(WEB_PATHS.dataset, async (request) => {
    await published();
    return fileReply(datasetPath, request, {
      contentType: 'application/jsonl; charset=utf-8',
      // Revalidated on every use: the ETag makes that a 304 until the next recount.
      headers: { 'content-disposition': 'attachment; filename="dialog-lab-trl-dpo.jsonl"', 'cache-control': 'public, no-cache' },
      missing: 'no dataset yet: it is written when the leaderboard is first counted\n',
    });
  });
}
