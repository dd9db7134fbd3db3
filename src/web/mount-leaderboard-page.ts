// The public leaderboard page's routes: the HTML page, leaderboard.json, the two chart PNGs and the trl-dpo
// dataset streamed straight from the store. Read-only. The export's meta sidecar is never served: it holds
// voter hashes.
import type { ComparisonStore } from '../records/comparisons/comparison-store.js';
import { writeExport } from '../export/export-files.js';
import { storeExportBatches } from '../export/store-export-batches.js';
import { type HttpReply, type HttpServer, textReply } from './http-server.js';
import { leaderboardJson } from '../render/leaderboard-json.js';
import type { Leaderboards } from '../ratings/stored/leaderboard-service.js';
import type { VoteLedger } from '../records/votes/vote-ledger.js';
import { cachedLeaderboard } from './cached-leaderboard.js';
import { renderLeaderboardPage } from './leaderboard-page.js';
import { buildLeaderboardSnapshot } from './leaderboard-snapshot.js';
import { WEB_PATHS } from './web-paths.js';

const CACHED = { 'cache-control': 'public, max-age=60' };

const png = (image: Buffer | null): HttpReply => (image === null ? textReply(404, 'no chart yet: nobody has voted\n') : { status: 200, contentType: 'image/png', body: image, headers: CACHED });

export function mountLeaderboardPage(server: HttpServer, stores: { votes: VoteLedger; comparisons: ComparisonStore; leaderboards: Leaderboards }, options: { now?: () => number } = {}): void {
  const snapshot = cachedLeaderboard(() => buildLeaderboardSnapshot(stores.leaderboards), options);
  server.get(WEB_PATHS.page, async () => ({ status: 200, contentType: 'text/html; charset=utf-8', body: renderLeaderboardPage(await snapshot()), headers: CACHED }));
  server.get(WEB_PATHS.json, async () => ({ status: 200, contentType: 'application/json; charset=utf-8', body: leaderboardJson((await snapshot()).board, { scope: 'global', guildId: null }), headers: CACHED }));
  server.get(WEB_PATHS.ratingsChart, async () => png((await snapshot()).charts.ratings));
  server.get(WEB_PATHS.matrixChart, async () => png((await snapshot()).charts.matrix));
  server.get(WEB_PATHS.dataset, () => ({
    status: 200,
    contentType: 'application/jsonl; charset=utf-8',
    headers: { 'content-disposition': 'attachment; filename="dialog-lab-trl-dpo.jsonl"' },
    body: async (write) => {
      await writeExport('trl-dpo', storeExportBatches(stores.votes, stores.comparisons), { write: (line) => write(line) });
    },
  }));
}
