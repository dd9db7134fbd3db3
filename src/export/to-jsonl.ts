// JSON Lines: one JSON value per line, newline-terminated (an empty export is an empty file).

export function toJsonl(lines: readonly unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
