// Where export files go: the sidecar sits next to the dataset (`kto.jsonl` → `kto.meta.jsonl`), and files
// attached in Discord are named after format, server and day so downloads do not overwrite each other.
import type { ExportFormat } from './schemas.ts';

export function sidecarPathOf(dataPath: string): string {
  return dataPath.endsWith('.jsonl') ? `${dataPath.slice(0, -'.jsonl'.length)}.meta.jsonl` : `${dataPath}.meta.jsonl`;
}

export function exportFileName(format: ExportFormat, guildId: string, day: Date): string {
  return `${format}-${guildId}-${day.toISOString().slice(0, 10)}.jsonl`;
}
