// Export batches straight from the store: votes in key order joined with their comparisons' ballots and texts,
// a few hundred comparisons at a time (votedBatches).
import type { ComparisonStore } from '../records/comparisons/comparison-store.ts';
import { votedBatches } from '../records/votes/voted-comparisons.ts';
import type { VoteFilter, VoteLedger } from '../records/votes/vote-ledger.ts';
import { exportComparisonOf, type ExportComparison } from './export-comparison.ts';
import type { ExportBatch } from './export-files.ts';

export async function* storeExportBatches(
  votes: VoteLedger,
  comparisons: ComparisonStore,
  filter: VoteFilter = {},
): AsyncGenerator<ExportBatch> {
  for await (const batch of votedBatches(votes, comparisons, filter, { withTexts: true })) {
    const joined: ExportComparison[] = [...batch.ballots.values()].map((ballot) =>
      exportComparisonOf(ballot, batch.texts.get(ballot.id)),
    );
    yield { votes: batch.votes, comparisons: joined };
  }
}
