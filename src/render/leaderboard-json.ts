// leaderboard.json: the leaderboard for researchers, with documented field names that stay stable across
// releases (README "leaderboard.json"). Each row leads with pipeline, rating, ci [low, high], votes, provisional
// and styleControlled { rating, ci }, then rankSpread [best, worst]; the evidence and the rest follow. Pure and
// deterministic.
import type { Leaderboard, LeaderboardRow } from '../ratings/leaderboard.ts';

export const LEADERBOARD_JSON_FORMAT = 'dialog-lab-leaderboard/1';

const pair = (interval: { lower: number; upper: number }): [number, number] => [interval.lower, interval.upper];

function rowJson(row: LeaderboardRow) {
  const { pipelineId, rating, interval, rankSpread, votes, provisional, styleControlled, ...rest } = row;
  return {
    pipeline: pipelineId,
    rating,
    ci: pair(interval),
    votes,
    provisional,
    styleControlled:
      styleControlled === null
        ? null
        : {
            rating: styleControlled.rating,
            ci: pair(styleControlled.interval),
            rank: styleControlled.rank,
            rankChange: styleControlled.rankChange,
          },
    rankSpread: [rankSpread.best, rankSpread.worst],
    ...rest,
  };
}

export function leaderboardJson(
  board: Leaderboard,
  view: { scope: string; guildId: string | null; counted?: { at: Date } | undefined },
): string {
  const { rows, ...rest } = board;
  const countedAt = view.counted === undefined ? {} : { countedAt: view.counted.at.toISOString() };
  // `category` says which prompt category the rows rank within (null: every category); categoryTable covers them all.
  const category = board.settings.category;
  return `${JSON.stringify({ format: LEADERBOARD_JSON_FORMAT, scope: view.scope, guildId: view.guildId, category, ...countedAt, rows: rows.map(rowJson), ...rest }, null, 2)}\n`;
}
