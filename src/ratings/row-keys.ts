// Which slots count as one leaderboard row, and what the row is called. By default a row is a pipeline version: a
// changed pipeline file, rule, model or sampling parameter starts a new row (`cot@3f2a1b2c`) with its own votes, and
// a pipeline seen in one version only keeps its bare id; pooling counts every version under the bare id. By model, a
// row is a (technique, model) cell named by the model that drafted its answers (`cot · gpt-4o-mini`), and versions
// are told apart within a cell (`cot@3f2a1b2c · gpt-4o-mini`): the model alone changes a version, so a technique
// on two models is one version per cell.
import type { BallotSlot } from '../records/comparisons/stored-records.ts';
import { cellName } from '../engine/cross-runs.ts';

export const VERSION_MODES = ['split', 'pool'] as const;
export type VersionMode = (typeof VERSION_MODES)[number];

export interface RowMode {
  versions: VersionMode;
  /** Rows are (technique, model) cells. */
  byModel: boolean;
}

/** What a row stands for: its technique, and its model when rows are cells. */
export interface RowName {
  /** As shown: `cot`, `cot@3f2a1b2c`, `cot · gpt-4o-mini`. */
  label: string;
  pipelineId: string;
  /** The drafting model of a (technique, model) cell; null when rows are not by model. */
  model: string | null;
  /** The pipeline version the row counts; null when versions are pooled or its answers predate versions. */
  version: string | null;
}

const SEPARATOR = '\u0000';
/** Characters of the version hash shown after the @. */
export const VERSION_DIGITS = 8;
const UNKNOWN_MODEL = 'unknown model';

/** The counting key of a slot (an unversioned slot, stored before versions, has the empty version). */
export function rowKey(slot: Pick<BallotSlot, 'pipelineId' | 'version' | 'model'>, mode: RowMode): string {
  const parts = [slot.pipelineId, mode.versions === 'pool' ? '' : (slot.version ?? '')];
  return (mode.byModel ? [...parts, slot.model ?? UNKNOWN_MODEL] : parts).join(SEPARATOR);
}

/** Turns counting keys into row names, once every vote has been seen. */
export function rowNames(keys: Iterable<string>): Map<string, RowName> {
  const parsed = [...keys].map((key) => {
    const [pipelineId = key, version = '', ...model] = key.split(SEPARATOR);
    return { key, pipelineId, version, model: model.length === 0 ? null : model.join(SEPARATOR) };
  });
  const versionsOf = new Map<string, Set<string>>();
  const cellOf = (entry: (typeof parsed)[number]) => `${entry.pipelineId}${SEPARATOR}${entry.model ?? ''}`;
  for (const entry of parsed) {
    const versions = versionsOf.get(cellOf(entry)) ?? new Set<string>();
    versions.add(entry.version);
    versionsOf.set(cellOf(entry), versions);
  }
  return new Map(
    parsed.map((entry) => {
      const split = (versionsOf.get(cellOf(entry))?.size ?? 0) > 1;
      const name = split
        ? `${entry.pipelineId}@${entry.version === '' ? 'unversioned' : entry.version.slice(0, VERSION_DIGITS)}`
        : entry.pipelineId;
      const version = entry.version === '' ? null : entry.version;
      return [
        entry.key,
        { label: cellName(name, entry.model), pipelineId: entry.pipelineId, model: entry.model, version },
      ];
    }),
  );
}
