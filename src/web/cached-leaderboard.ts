// The public page's leaderboard and charts, built at most once a minute: drawing the charts costs more than a
// page load should, and page loads (or a crawler) must not each pay for that. Requests during a rebuild share
// it; a failed build is not kept, so the next request tries again.
export const LEADERBOARD_CACHE_MS = 60_000;

export function cachedLeaderboard<Snapshot>(
  build: () => Promise<Snapshot>,
  options: { ttlMs?: number; now?: () => number } = {},
): () => Promise<Snapshot> {
  const ttlMs = options.ttlMs ?? LEADERBOARD_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { snapshot: Promise<Snapshot>; at: number } | null = null;
  return () => {
    if (cached !== null && now() - cached.at < ttlMs) return cached.snapshot;
    const entry = { snapshot: build(), at: now() };
    cached = entry;
    entry.snapshot.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.snapshot;
  };
}
