// Where fenced code blocks (``` or ~~~) start and end in Markdown, so a cut can close and reopen one
// instead of leaving the rest of a message rendered as code.

export interface FenceRegion {
  /** Start of the opening fence line. */
  openStart: number;
  /** Just after the opening line: the code starts here. */
  contentStart: number;
  /** Start of the closing fence line; the text's length when the block is never closed. */
  closeStart: number;
  /** End of the closing fence line, before its line break. */
  closeLineEnd: number;
  /** The fence characters as opened, e.g. ``` or ~~~~; a closing fence must match them. */
  marker: string;
  /** The info string after the opening fence, usually a language. */
  info: string;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*?)\r?$/;

export function findFences(text: string): FenceRegion[] {
  const regions: FenceRegion[] = [];
  let open: Pick<FenceRegion, 'openStart' | 'contentStart' | 'marker' | 'info'> | null = null;
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const match = FENCE_LINE.exec(text.slice(lineStart, lineEnd));
    const fence = match?.[1] ?? '';
    const rest = match?.[2] ?? '';
    if (open && match && fence[0] === open.marker[0] && fence.length >= open.marker.length && rest.trim() === '') {
      regions.push({ ...open, closeStart: lineStart, closeLineEnd: lineEnd });
      open = null;
    } else if (!open && match && !(fence[0] === '`' && rest.includes('`'))) {
      // A backtick "fence" followed by more backticks is inline code (```a```), not a block.
      open = {
        openStart: lineStart,
        contentStart: newline === -1 ? text.length : newline + 1,
        marker: fence,
        info: rest.trim(),
      };
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (open) regions.push({ ...open, closeStart: text.length, closeLineEnd: text.length });
  return regions;
}

/** The block that text cut at `index` would leave open (code both before and after the cut). */
export function fenceOpenAt(regions: FenceRegion[], index: number): FenceRegion | undefined {
  return regions.find((region) => region.contentStart <= index && index <= region.closeStart);
}

/**
 * Moves a cut off a fence line: never between an opening line and its first code line, never through
 * a closing line. Returns the cut unchanged when there is no earlier place after `start`.
 */
export function avoidFenceLines(text: string, regions: FenceRegion[], start: number, cut: number): number {
  for (const region of regions) {
    if (region.openStart < cut && cut <= region.contentStart) return region.openStart > start ? region.openStart : cut;
    if (region.closeStart <= cut && cut < region.closeLineEnd && region.closeStart > region.contentStart) {
      // Keep the last code line with the closing fence, so the reopened block is not empty.
      const lastLine = text.lastIndexOf('\n', region.closeStart - 2) + 1;
      if (lastLine > region.contentStart && lastLine > start) return lastLine;
      return region.openStart > start ? region.openStart : cut;
    }
  }
  return cut;
}
