// Cutting Markdown to Discord's sizes without breaking it: split a long text into messages, or truncate
// it to fit an embed, closing any code block a cut falls inside (and reopening it in the next chunk).
import { avoidFenceLines, fenceOpenAt, findFences, type FenceRegion } from './fence-regions.ts';
import { findCut, type Cut } from './find-cut.ts';
import { MESSAGE_CONTENT_MAX } from './discord-limits.ts';

const MINIMUM_LIMIT = 16;

function cutOutsideFenceLines(text: string, regions: FenceRegion[], start: number, room: number): Cut {
  const cut = findCut(text, start, room);
  const end = avoidFenceLines(text, regions, start, cut.end);
  return end === cut.end ? cut : { end, resume: end };
}

function reopening(region: FenceRegion, limit: number): string {
  const line = `${region.marker}${region.info}\n`;
  // An absurd info string must not eat the chunk; the code still reads fine without its language.
  return line.length + region.marker.length + 1 <= limit / 4 ? line : `${region.marker}\n`;
}

/** Splits text into chunks of at most `limit` characters; each chunk is valid Markdown on its own. */
export function splitMarkdown(text: string, limit = MESSAGE_CONTENT_MAX): string[] {
  if (limit < MINIMUM_LIMIT)
    throw new RangeError(`splitMarkdown: limit must be at least ${MINIMUM_LIMIT} (got ${limit})`);
  const regions = findFences(text);
  const chunks: string[] = [];
  const push = (chunk: string, body: string) => {
    if (body.trim() !== '') chunks.push(chunk);
  };
  for (let start = 0; start < text.length;) {
    const reopened = fenceOpenAt(regions, start);
    const prefix = reopened ? reopening(reopened, limit) : '';
    const room = limit - prefix.length;
    const rest = text.slice(start).trimEnd();
    if (rest.length <= room) {
      push(prefix + rest, rest);
      break;
    }
    let reserve = 0;
    for (;;) {
      const cut = cutOutsideFenceLines(text, regions, start, room - reserve);
      const body = text.slice(start, cut.end).trimEnd();
      const open = fenceOpenAt(regions, cut.end);
      const closing = open ? `\n${open.marker}` : '';
      if (body.length + closing.length <= room || reserve >= room / 2) {
        push(prefix + body + closing, body);
        start = cut.resume;
        break;
      }
      reserve = Math.max(reserve + 1, closing.length);
    }
  }
  return chunks;
}

/**
 * Shortens text to at most `limit` characters including `marker`. A cut inside a code block either
 * moves before the block (when that keeps a third of the limit) or closes the block properly.
 */
export function truncateMarkdown(text: string, limit: number, marker = '…'): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  if (marker.length >= limit) return { text: marker.slice(0, limit), truncated: true };
  const regions = findFences(text);
  let budget = limit - marker.length;
  for (;;) {
    const cut = cutOutsideFenceLines(text, regions, 0, budget);
    const kept = text.slice(0, cut.end).trimEnd();
    const open = fenceOpenAt(regions, cut.end);
    if (!open) return { text: kept + marker, truncated: true };
    const before = text.slice(0, open.openStart).trimEnd();
    if (before.length >= limit / 3) return { text: before + marker, truncated: true };
    const closing = `\n${open.marker}\n`;
    if (kept.length + closing.length + marker.length <= limit || budget <= 1) {
      return { text: (kept + closing + marker).slice(0, limit), truncated: true };
    }
    budget = Math.max(1, limit - marker.length - closing.length);
  }
}
