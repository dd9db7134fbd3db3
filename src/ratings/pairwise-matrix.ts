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
  for (const outcomes of outcomesPerVote) {
    for (const { first, second, score } of outcomes) {
      const row = indexOf.get(first);
      const column = indexOf.get(second);
      if (row === undefined || column === undefined) continue;
      battles[row]![column]! += 1;
      battles[column]![row]! += 1;
      if (score === 1) wins[row]![column]! += 1;
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
