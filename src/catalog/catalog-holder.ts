// Keeps the current catalog and reloads it when anything under PROMPTS_DIR changes. chokidar watches the
// folders, not the files, so edits saved by rename or replacement (editors, `sed -i`, `cp`) are seen too. A
// reload that fails validation, or that would remove a pipeline some setting uses, keeps the last good catalog
// and says why, so a typo or a moved file never takes the bot down.
import { type FSWatcher, watch } from 'chokidar';
import { type Catalog, loadCatalog } from './load-catalog.ts';
import { missingPipelines, type PipelineUse } from './pipeline-uses.ts';

export type ReloadOutcome = { ok: true; message: string } | { ok: false; message: string; error: Error };

export interface CatalogHolder {
  current(): Catalog;
  reload(): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

export interface HoldOptions {
  watch?: boolean;
  onReload?: (outcome: ReloadOutcome) => void;
  /** Pipelines that settings name right now; a new catalog must contain them all. */
  pipelinesInUse?: () => Promise<readonly PipelineUse[]>;
}

// Editors and `cp` write a file in several events; reload once they settle.
const SETTLE_MS = 200;

export async function holdCatalog(dir: string, options: HoldOptions = {}): Promise<CatalogHolder> {
  let catalog = await loadCatalog(dir);
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ReloadOutcome> = Promise.resolve({ ok: true, message: '' });

  const attempt = async (): Promise<ReloadOutcome> => {
    try {
      const next = await loadCatalog(dir);
      // Only pipelines the running catalog has: one already missing (a server's stale /config) must not
      // block every later reload.
      const uses = ((await options.pipelinesInUse?.()) ?? []).filter((use) => catalog.pipelines.has(use.pipelineId));
      const missing = missingPipelines(next, uses);
      if (missing.length > 0)
        throw new Error(`a pipeline in use would disappear:\n${missing.map((line) => `  - ${line}`).join('\n')}`);
      catalog = next;
      return { ok: true, message: `prompts reloaded from ${dir}: ${catalog.pipelines.size} pipelines` };
    } catch (error) {
      const problem = error instanceof Error ? error : new Error(String(error));
      return {
        ok: false,
        message: `prompts in ${dir} not reloaded, keeping the previous version: ${problem.message}`,
        error: problem,
      };
    }
  };
  // One reload at a time, so a slow one can never overwrite the result of a later one.
  const reload = (): Promise<ReloadOutcome> => {
    running = running.then(attempt).then((outcome) => {
      options.onReload?.(outcome);
      return outcome;
    });
    return running;
  };

  if (options.watch) {
    watcher = watch(dir, { ignoreInitial: true });
    watcher.on('all', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), SETTLE_MS);
    });
    watcher.on('error', (error) => {
      options.onReload?.({
        ok: false,
        message: `watching ${dir} failed; edits are not picked up until a restart`,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    });
    await new Promise<void>((resolve) => watcher?.once('ready', () => resolve()));
  }
  return {
    current: () => catalog,
    reload,
    async close() {
      clearTimeout(timer);
      await watcher?.close();
    },
  };
}
