// Honest uncertainty, measured: coverage of the 95 % intervals with several voters per comparison (bootstrap
// over comparisons vs over single votes), and the false-alarm rate of the position-bias check on unbiased
// leaderboards (one pick per comparison + Holm vs every vote uncorrected). Seeded: `node bench/uncertainty.bench.ts`.
import { intervalCoverage, positionBiasFalseAlarms } from '../test/fixtures/simulated-votes.ts';

const arena = { comparisons: 150, gap: 0.4, spread: 1.5, bootstrapRounds: 500, seed: 3, replicates: 400 };
for (const voters of [1, 3, 6]) {
  const clustered = intervalCoverage({ ...arena, votersPerComparison: voters });
  const perVote = intervalCoverage({ ...arena, votersPerComparison: voters, votesAsComparisons: true });
  console.log(
    `${voters} voter(s) per comparison, ${arena.comparisons} comparisons, ${arena.replicates} replicates: coverage by comparison ${(clustered.coverage * 100).toFixed(1)}% ` +
      `(±${clustered.meanHalfWidth.toFixed(0)} Elo), by vote ${(perVote.coverage * 100).toFixed(1)}% (±${perVote.meanHalfWidth.toFixed(0)})`,
  );
}
const bias = { leaderboards: 2000, comparisonsPerGroup: 150, maxVotersPerComparison: 5, agreement: 0.6, seed: 9 };
console.log(
  `position bias on ${bias.leaderboards} unbiased leaderboards (2, 3 and 4 answers, 1–5 voters): warnings ${(positionBiasFalseAlarms(bias) * 100).toFixed(1)}% ` +
    `with one pick per comparison + Holm; ${(positionBiasFalseAlarms({ ...bias, perVoteUncorrected: true }) * 100).toFixed(1)}% counting every vote, uncorrected`,
);
