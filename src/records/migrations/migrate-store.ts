// Brings a store up to the layout this release writes, once, at start-up (and before backup or export), and
// refuses a store written by a newer release instead of misreading it. The layout version is one key, so a
// store that is up to date costs a single read.
import { z } from 'zod';
import type { ComparisonStore } from '../comparisons/comparison-store.ts';
import { NAMESPACE_REGISTRY, type Store } from '../../store/open-store.ts';
import { splitComparisons } from './split-comparisons.ts';

export const STORE_LAYOUT_VERSION = 2;
export const META_NAMESPACE = 'store-meta';
export const LayoutVersionSchema = z.int().min(1);
const LAYOUT_KEY = 'layout-version';
/** What release 0.1.0 wrote; it kept no namespace registry, so backups would not know these otherwise. */
const RELEASE_0_1_NAMESPACES = [
  'votes',
  'reveals',
  'comparison-messages',
  'usage-compares',
  'usage-answers',
  'usage-costs',
  'guild-config',
  'deployment',
];

export class StoreVersionError extends Error {
  constructor(found: number) {
    super(
      `The store was written by a newer release of Dialog Lab (layout ${found}; this release reads up to ${STORE_LAYOUT_VERSION}). Upgrade Dialog Lab, or restore a backup made by this release.`,
    );
    this.name = 'StoreVersionError';
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
  migratedComparisons: number;
  unreadable: string[];
}

export async function migrateStore(store: Store, comparisons: ComparisonStore): Promise<MigrationOutcome> {
  const meta = store.namespace(META_NAMESPACE, LayoutVersionSchema);
  // A store with no marker was written by release 0.1.0 (layout 1), or is new and empty, where migrating is a no-op.
  const from = (await meta.get(LAYOUT_KEY)) ?? 1;
  if (from > STORE_LAYOUT_VERSION) throw new StoreVersionError(from);
  const outcome: MigrationOutcome = { from, to: STORE_LAYOUT_VERSION, migratedComparisons: 0, unreadable: [] };
  if (from < 2) {
    const registry = store.namespace(NAMESPACE_REGISTRY, z.literal(true));
    for (const name of RELEASE_0_1_NAMESPACES) await registry.set(name, true);
    const report = await splitComparisons(store, comparisons);
    outcome.migratedComparisons = report.migrated;
    outcome.unreadable = report.unreadable;
  }
  if (from !== STORE_LAYOUT_VERSION) await meta.set(LAYOUT_KEY, STORE_LAYOUT_VERSION);
  return outcome;
}
