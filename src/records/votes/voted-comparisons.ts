// Votes joined with what they were cast on, streamed: votes come in key order (grouped by comparison), a few
// hundred comparisons at a time, and each batch fetches its ballots (and, for exports, texts) in one round
// trip. Nothing holds more than one batch, so the leaderboard and exports stay flat in memory however many
// votes the store holds. Batches always end at a comparison boundary, so a batch has all of a comparison's votes.
import type { ComparisonStore } from '../comparisons/comparison-store.ts';
import type { Ballot, ComparisonTexts } from '../comparisons/stored-records.ts';
import type { VoteRecord } from './vote.ts';
import type { VoteFilter, VoteLedger } from './vote-ledger.ts';

export interface VotedBatch {
  votes: VoteRecord[];
  ballots: Map<string, Ballot>;
  /** Only when asked for (exports). */
  texts: Map<string, ComparisonTexts>;
}

const COMPARISONS_PER_BATCH = 500;

export async function* votedBatches(
  votes: VoteLedger,
  comparisons: ComparisonStore,
  filter: VoteFilter = {},
  options: { withTexts?: boolean; comparisonsPerBatch?: number } = {},
): AsyncGenerator<VotedBatch> {
  const size = options.comparisonsPerBatch ?? COMPARISONS_PER_BATCH;
  let pending: VoteRecord[] = [];
  let ids: string[] = [];
  const flush = async (): Promise<VotedBatch> => {
    const [ballots, texts] = await Promise.all([
      comparisons.ballots(ids),
      options.withTexts ? comparisons.texts(ids) : Promise.resolve([]),
    ]);
    const batch: VotedBatch = { votes: pending, ballots: new Map(), texts: new Map() };
    ids.forEach((id, index) => {
      const ballot = ballots[index];
      const text = texts[index];
      if (ballot !== undefined) batch.ballots.set(id, ballot);
      if (text !== undefined) batch.texts.set(id, text);
    });
    pending = [];
    ids = [];
    return batch;
  };
  for await (const vote of votes.streamVotes(filter)) {
    if (ids.at(-1) !== vote.comparisonId) {
      if (ids.length === size) yield await flush();
      ids.push(vote.comparisonId);
    }
    pending.push(vote);
  }
  if (pending.length > 0) yield await flush();
}

/** One vote at a time with its ballot, in key order: what the leaderboard consumes. */
export async function* votesWithBallots(
  votes: VoteLedger,
  comparisons: ComparisonStore,
  filter: VoteFilter = {},
): AsyncGenerator<{ vote: VoteRecord; ballot: Ballot | undefined }> {
  for await (const batch of votedBatches(votes, comparisons, filter)) {
    for (const vote of batch.votes) yield { vote, ballot: batch.ballots.get(vote.comparisonId) };
  }
}
