// The public page's leaderboard cache: one build per minute however many page loads, shared while it runs, and
// a failed build is retried by the next request rather than served for a minute.
import { describe, expect, it } from 'vitest';
import { cachedLeaderboard } from '../../src/web/cached-leaderboard.ts';

describe('cachedLeaderboard', () => {
  it('builds once a minute, sharing the build between requests', async () => {
    let now = 0;
    let builds = 0;
    const snapshot = cachedLeaderboard(async () => (builds += 1), { now: () => now });
    expect(await Promise.all([snapshot(), snapshot()])).toEqual([1, 1]);
    now = 59_999;
    expect(await snapshot()).toBe(1);
    now = 60_000;
    expect(await snapshot()).toBe(2);
  });

  it('tries again after a failed build', async () => {
    let builds = 0;
    const snapshot = cachedLeaderboard(
      async () => {
        builds += 1;
        if (builds === 1) throw new Error('store down');
        return builds;
      },
      { now: () => 0 },
    );
    await expect(snapshot()).rejects.toThrow('store down');
    expect(await snapshot()).toBe(2);
  });
});
