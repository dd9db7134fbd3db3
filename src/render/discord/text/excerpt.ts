// A one-line excerpt: whitespace flattened, cut with an ellipsis. For notes and outputs in lists.

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let end = Math.max(0, max - 1);
  const before = flat.charCodeAt(end - 1);
  if (before >= 0xd800 && before <= 0xdbff) end -= 1; // keep emoji whole
  return `${flat.slice(0, end)}…`;
}
