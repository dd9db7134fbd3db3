// Lines kept in order while they fit a length, then one line saying how many were left out.

export function fitLines(lines: string[], max: number, more: (left: number) => string): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  let length = -1; // no newline before the first line
  const ends = lines.map((line) => (length += line.length + 1));
  for (let kept = lines.length - 1; kept >= 0; kept--) {
    const tail = more(lines.length - kept);
    const keptLength = kept === 0 ? 0 : (ends[kept - 1] ?? 0) + 1;
    if (keptLength + tail.length <= max) return [...lines.slice(0, kept), tail].join('\n');
  }
  return more(lines.length).slice(0, max);
}
