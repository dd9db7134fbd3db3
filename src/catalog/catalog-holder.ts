// Keeps the current catalog and reloads it when files in prompts/ change. A reload that fails
// validation keeps the last good catalog and reports why, so a typo never takes the bot down.
import { watch, type FSWatcher } from 'node:fs';
import { type Catalog, loadCatalog } from './load-catalog.js';

export interface CatalogHolder {
  current(): Catalog;
  reload(): Promise<{ ok: true } | { ok: false; error: Error }>;
  close(): void;
}

export async function holdCatalog(dir: string, options: { watch?: boolean; onReload?: (outcome: { ok: boolean; message: string }) => void } = {}): Promise<CatalogHolder> {
  let catalog = await loadCatalog(dir);
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;

  const reload: CatalogHolder['reload'] = async () => {
    try {
      catalog = await loadCatalog(dir);
      options.onReload?.({ ok: true, message: `prompts reloaded: ${catalog.pipelines.size} pipelines` });
      return { ok: true };
    } catch (error) {
      const problem = error instanceof Error ? error : new Error(String(error));
      options.onReload?.({ ok: false, message: `prompts not reloaded, keeping the previous version. ${problem.message}` });
      return { ok: false, error: problem };
    }
  };

  if (options.watch) {
    watcher = watch(dir, { recursive: true }, () => {
      // Editors write a file in several events; reload once they settle.
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 200);
    });
  }
  return {
    current: () => catalog,
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
