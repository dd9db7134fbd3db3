// One measured operation of the store benchmark, in a fresh process so its time and memory are its own:
// `node bench/store-bench-worker.ts <operation> <json options>`. Prints one JSON line with the figures.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { buildServices } from '../src/app/build-services.ts';
import { STORED_LEADERBOARDS_NAMESPACE } from '../src/ratings/leaderboard.ts';
import { openData } from '../src/app/open-data.ts';
import { restoreBackup } from '../src/export/backup/restore-backup.ts';
import { writeBackup } from '../src/export/backup/write-backup.ts';
import { loadBotSettings } from '../src/config/env.ts';
import { writeExport } from '../src/export/export-files.ts';
import { openJsonlFileSink } from '../src/export/jsonl-file-sink.ts';
import { storeExportBatches } from '../src/export/store-export-batches.ts';
import { createLogger } from '../src/base/logger.ts';
import { renderLeaderboard } from '../src/render/discord/leaderboard/leaderboard-message.ts';
import { renderLeaderboardCharts } from '../src/render/charts/leaderboard-charts.ts';
import type { StoreOptions } from '../src/store/open-store.ts';
import { comparisonId } from './simulated-store.ts';

const [operation, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as { store: StoreOptions; file?: string; rounds?: number };
const quiet = { info: () => {}, warn: () => {} };
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

async function main(): Promise<Record<string, unknown>> {
  const baseline = rssMb();
  switch (operation) {
    case 'startup-and-leaderboard': {
      // What `npm start` does before it is ready, then /leaderboard (global scope) `rounds` times.
      const env = {
        DISCORD_TOKEN: 'bench-token',
        DISCORD_CLIENT_ID: '123456789012345678',
        OPENAI_API_KEY: 'bench-key',
        DATA_DIR: options.store.dataDir,
        ...(options.store.redisUrl ? { REDIS_URL: options.store.redisUrl } : {}),
        ...(options.store.postgresUrl ? { POSTGRES_URL: options.store.postgresUrl } : {}),
        STORE_KEY_PREFIX: options.store.keyPrefix ?? 'dialog-lab',
        LOG_LEVEL: 'warn',
      };
      const [services, startupMs] = await timed(() => buildServices(loadBotSettings(env), createLogger()));
      const recoveryScan = await timed(async () => {
        let running = 0;
        for await (const entry of services.comparisons.running()) running += entry.length > 0 ? 1 : 0;
        return running;
      });
      const afterStartup = rssMb();
      // What /leaderboard (all servers) does before it sends: the board from the store, then its charts and message.
      const request = { guildId: null, options: {} };
      const leaderboard = async () => {
        const served = await services.leaderboards.get(request);
        const message = renderLeaderboard(
          served.board,
          { scope: 'global', guildId: null, counted: { at: served.computedAt, state: 'current' } },
          await renderLeaderboardCharts(served.board),
        );
        return {
          served,
          bytes: message.content.length + message.files.reduce((sum, file) => sum + file.attachment.length, 0),
        };
      };
      // The first request counts every vote (no board stored yet, as after an upgrade): what a recount costs.
      await services.store.namespace(STORED_LEADERBOARDS_NAMESPACE, z.unknown()).clear();
      const [counted, countMs] = await timed(leaderboard);
      const afterCount = rssMb();
      const times: number[] = [];
      for (let round = 0; round < (options.rounds ?? 5); round += 1) times.push((await timed(leaderboard))[1]);
      const afterLeaderboard = rssMb();
      // A new vote: the stored board is served at once, marked as recounting; the recount follows.
      await services.votes.applyReaction(
        {
          comparisonId: comparisonId(0),
          voterHash: 'f'.repeat(64),
          choice: { kind: 'tie' },
          guildId: 'guild-0',
          afterReveal: false,
          at: new Date(),
        },
        'add',
      );
      const [stale, staleMs] = await timed(leaderboard);
      const [, recountMs] = await timed(async () => stale.served.recount);
      const afterRecount = rssMb();
      await services.close();
      return {
        startupMs: startupMs + recoveryScan[1],
        baseline,
        afterStartup,
        afterCount,
        afterLeaderboard,
        afterRecount,
        peak: peakRssMb(),
        countMs,
        times,
        staleMs,
        recountMs: staleMs + recountMs,
        recounting: stale.served.recount !== null,
        rated: counted.served.board.counts.rated,
      };
    }
    case 'export': {
      const data = await openData(options.store, quiet);
      const dir = await mkdtemp(path.join(tmpdir(), 'bench-export-'));
      const sink = await openJsonlFileSink(path.join(dir, 'data.jsonl'), path.join(dir, 'meta.jsonl'));
      const [summary, ms] = await timed(() =>
        writeExport('trl-dpo', storeExportBatches(data.votes, data.comparisons), sink, {}).finally(() => sink.close()),
      );
      const bytes = (await stat(path.join(dir, 'data.jsonl'))).size;
      await rm(dir, { recursive: true, force: true });
      await data.store.close();
      return { ms, lines: summary.lines, votes: summary.votes, bytes, baseline, peak: peakRssMb() };
    }
    case 'backup': {
      const data = await openData(options.store, quiet);
      const [summary, ms] = await timed(() => writeBackup(data.store, options.file!));
      await data.store.close();
      return {
        ms,
        records: summary.records,
        perNamespace: summary.perNamespace,
        bytes: (await stat(options.file!)).size,
        baseline,
        peak: peakRssMb(),
      };
    }
    case 'restore': {
      const data = await openData(options.store, quiet);
      const [summary, ms] = await timed(() => restoreBackup(data.store, options.file!));
      await data.store.close();
      return { ms, records: summary.records, perNamespace: summary.perNamespace, baseline, peak: peakRssMb() };
    }
    default:
      throw new Error(`unknown operation ${operation}`);
  }
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1); // open connections would otherwise keep a failed run waiting forever
  },
);
