// The wait a model server asks for in its headers, read the way openai-node reads it (retry-after-ms, then
// Retry-After in seconds or as an HTTP date), and said in words for the rate-limit message.

export function requestedWaitMs(headers: Headers): number | undefined {
  const milliseconds = parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(milliseconds) && milliseconds > 0) return milliseconds;
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = parseFloat(retryAfter);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

/** 0.4 s -> "1 s", 45 s -> "45 s", 150 s -> "3 min", 3600 s -> "1 h", 5400 s -> "1.5 h". */
export function formatWait(milliseconds: number): string {
  const seconds = Math.max(1, Math.ceil(milliseconds / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
}
