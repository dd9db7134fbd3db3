// Head-to-head view: how often row beat column among decisive outcomes (ties excluded, as FastChat
// does), and how many outcomes each pair had in all.
import { z } from 'zod';
import type { PairOutcome } from './vote-outcomes.ts';

export const PairwiseMatrixSchema = z.strictObject({
  /** Row and column order (the leaderboard's order). */
  pipelineIds: z.array(z.string()),
  /** winFraction[row][column]: share of decisive row-vs-column outcomes that row won; null with none. */
  winFraction: z.array(z.array(z.number().nullable())),
  /** battles[row][column]: outcomes between the two, ties included (symmetric). */
  battles: z.array(z.array(z.number())),
});
export type PairwiseMatrix = z.infer<typeof PairwiseMatrixSchema>;

export function pairwiseMatrix(
  pipelineIds: string[],
  outcomesPerVote: Iterable<readonly PairOutcome[]>,
): PairwiseMatrix {
  const size = pipelineIds.length;
  const indexOf = new Map(pipelineIds.map((id, index) => [id, index]));
  const grid = () => Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const wins = grid();
  const battles = grid();
  // Votes with the same outcomes share one list: each distinct list is counted once, times its votes.
  const votesPerList = new Map<readonly PairOutcome[], number>();
  for (const outcomes of outcomesPerVote) votesPerList.set(outcomes, (votesPerList.get(outcomes) ?? 0) + 1);
  for (const [outcomes, votes] of votesPerList) {
    for (const { first, second, score } of outcomes) {
      const row = indexOf.get(first);
      const column = indexOf.get(second);
      if (row === undefined || column === undefined) continue;
      battles[row]![column]! += votes;
      battles[column]![row]! += votes;
      if (score === 1) wins[row]![column]! += votes;
    }
  }
  const winFraction = wins.map((row, rowIndex) =>
    row.map((won, columnIndex) => {
      const decisive = won + wins[columnIndex]![rowIndex]!;
      return decisive === 0 ? null : won / decisive;
    }),
  );
  return { pipelineIds, winFraction, battles };
}
