// Pipeline versions on the leaderboard: votes are counted per (pipeline, version) so that a changed pipeline
// file, rule, model or sampling parameter starts a new row (`cot@3f2a1b2c`) with its own votes. A pipeline seen in
// one version only keeps its bare id. Pooling instead counts every version under the bare id.

export const VERSION_MODES = ['split', 'pool'] as const;
export type VersionMode = (typeof VERSION_MODES)[number];

const SEPARATOR = '\u0000';
/** Characters of the version hash shown after the @. */
export const VERSION_DIGITS = 8;

/** The counting key of a slot: the bare id when pooling, else the id with its version (null: stored before versions). */
export function versionKey(pipelineId: string, version: string | null, mode: VersionMode): string {
  return mode === 'pool' ? pipelineId : `${pipelineId}${SEPARATOR}${version ?? ''}`;
}

/** Turns counting keys into the names the leaderboard shows, once every vote has been seen. */
export function versionLabels(keys: Iterable<string>): Map<string, string> {
  const versionsOf = new Map<string, Set<string>>();
  const list = [...keys];
  for (const key of list) {
    const [pipelineId = key, version = ''] = key.split(SEPARATOR);
    const versions = versionsOf.get(pipelineId) ?? new Set<string>();
    versions.add(version);
    versionsOf.set(pipelineId, versions);
  }
  return new Map(list.map((key) => {
    const [pipelineId = key, version = ''] = key.split(SEPARATOR);
    if ((versionsOf.get(pipelineId)?.size ?? 0) <= 1) return [key, pipelineId];
    return [key, `${pipelineId}@${version === '' ? 'unversioned' : version.slice(0, VERSION_DIGITS)}`];
  }));
}
