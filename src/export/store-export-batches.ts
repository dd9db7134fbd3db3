// Export batches straight from the store: votes in key order joined with their comparisons' ballots and texts,
// a few hundred comparisons at a time (votedBatches).
import type { ComparisonStore } from '../records/comparisons/comparison-store.js';
import { votedBatches } from '../records/votes/voted-comparisons.js';
import type { VoteFilter, VoteLedger } from '../records/votes/vote-ledger.js';
import { exportComparisonOf, type ExportComparison } from './export-comparison.js';
import type { ExportBatch } from './export-files.js';

export async function* storeExportBatches(votes: VoteLedger, comparisons: ComparisonStore, filter: VoteFilter = {}): AsyncGenerator<ExportBatch> {
  for await (const batch of votedBatches(votes, comparisons, filter, { withTexts: true })) {
    const joined: ExportComparison[] = [...batch.ballots.values()].map((ballot) => exportComparisonOf(ballot, batch.texts.get(ballot.id)));
    yield { votes: batch.votes, comparisons: joined };
  }
}
