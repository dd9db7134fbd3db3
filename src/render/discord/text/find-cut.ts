// Where to cut text that runs past a length: the latest good boundary within reach, preferring a blank
// line, then a line break, then a sentence end, then a space, and only then the middle of a word.

export interface Cut {
  /** The kept text ends here. */
  end: number;
  /** The rest starts here; the whitespace between `end` and `resume` was only a separator. */
  resume: number;
}

const BOUNDARIES: RegExp[] = [/\n[ \t]*\n+/g, /\n/g, /(?<=[.!?…]["'’”)\]]*)[ \t]+/g, /[ \t]+/g];

function lastBoundary(window: string, pattern: RegExp, minimum: number, maximum: number): Cut | null {
  let found: Cut | null = null;
  for (const match of window.matchAll(pattern)) {
    if (match.index > maximum) break;
    if (match.index >= minimum) found = { end: match.index, resume: match.index + match[0].length };
  }
  return found;
}

/** A cut of text[start..] keeping at most `room` characters; `end` is always after `start`. */
export function findCut(text: string, start: number, room: number): Cut {
  const window = text.slice(start, start + room + 1);
  // A boundary in the first half of the room would waste too much of it; accept one only as a last resort.
  for (const minimum of [Math.floor(room / 2), 1]) {
    for (const pattern of BOUNDARIES) {
      const found = lastBoundary(window, pattern, minimum, room);
      if (found) return { end: start + found.end, resume: start + found.resume };
    }
  }
  let end = start + Math.max(1, room);
  const before = text.charCodeAt(end - 1);
  if (before >= 0xd800 && before <= 0xdbff && end - 1 > start) end -= 1; // don't split an emoji's surrogate pair
  return { end, resume: end };
}
