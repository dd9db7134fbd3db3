// An experiment's evidence read from the store: the blind votes on its primary pair (experiment-votes.ts), the
// sequential test over them, and the dataset of exactly those votes (the raw export format, PII-filtered, voters
// only as salted hashes, each line naming the arm in every slot). Recomputed from the live ledger every time, so a
// user who asked to be forgotten drops out of results and exports alike.
import type { ComparisonStore } from '../records/comparisons/comparison-store.ts';
import type { Ballot } from '../records/comparisons/stored-records.ts';
import type { ExperimentPlan } from '../records/experiments/experiment-plan.ts';
import type { ExperimentRecord } from '../records/experiments/experiment-record.ts';
import type { ForgottenUsers } from '../records/votes/forgotten-users.ts';
import type { VoteLedger } from '../records/votes/vote-ledger.ts';
import type { VoteRecord } from '../records/votes/vote.ts';
import { primaryComparisons, type PrimaryComparison } from '../ratings/experiment-votes.ts';
import {
  comparisonOutcome,
  runSequentialTest,
  sequentialPlanSchema,
  type SequentialPlan,
  type SequentialReport,
} from '../ratings/sequential/sequential-test.ts';
import { exportComparisonOf } from './export-comparison.ts';
import { exportRaw } from './formats/export-raw.ts';
import { redactComparison } from './redact-mentions.ts';
import { toJsonl } from './to-jsonl.ts';

export interface ExperimentEvidence {
  /** The comparisons the test used, in the order shown: once it decided, later ones are not its evidence. */
  comparisons: PrimaryComparison[];
  /** One observation per comparison: arm A's mean score there (1 won, ½ tie, 0 lost). */
  outcomes: number[];
  votes: number;
  test: SequentialReport;
}

export interface EvidenceSources {
  comparisons: ComparisonStore;
  votes: VoteLedger;
  forgottenUsers: ForgottenUsers;
}

/** The sequential test's settings from the experiment plan. */
export function sequentialPlanOf(plan: ExperimentPlan): SequentialPlan {
  return sequentialPlanSchema.parse({
    alpha: plan.alpha,
    power: plan.power,
    minimumEffect: plan.minimumEffect,
  });
}

async function readVotes(record: ExperimentRecord, sources: EvidenceSources) {
  const ids = record.comparisons.map((shown) => shown.comparisonId);
  const ballots = new Map<string, Ballot>();
  (await sources.comparisons.ballots(ids)).forEach((ballot) => ballot && ballots.set(ballot.id, ballot));
  const votesOf = new Map<string, VoteRecord[]>(
    await Promise.all(ids.map(async (id) => [id, await sources.votes.votesFor(id)] as const)),
  );
  const voters = [...new Set([...votesOf.values()].flat().map((vote) => vote.voterHash))];
  const forgottenAt = new Map<string, Date>();
  await Promise.all(
    voters.map(async (voterHash) => {
      const at = await sources.forgottenUsers.forgottenAt(voterHash);
      if (at !== undefined) forgottenAt.set(voterHash, at);
    }),
  );
  return { ballots, votesOf, forgottenAt };
}

export async function experimentEvidence(
  record: ExperimentRecord,
  sources: EvidenceSources,
): Promise<ExperimentEvidence> {
  const { ballots, votesOf, forgottenAt } = await readVotes(record, sources);
  const voted = primaryComparisons(record, ballots, votesOf, forgottenAt);
  const outcomes = voted.flatMap((comparison) => comparisonOutcome(comparison.votes) ?? []);
  const test = runSequentialTest(outcomes, sequentialPlanOf(record.plan));
  const comparisons = voted.slice(0, test.observations);
  return {
    comparisons,
    outcomes,
    votes: comparisons.reduce((sum, comparison) => sum + comparison.votes.length, 0),
    test,
  };
}

/** The dataset of exactly the votes the test used: raw export lines, each with the experiment and the slots' arms. */
export async function experimentDataset(
  record: ExperimentRecord,
  evidence: ExperimentEvidence,
  sources: Pick<EvidenceSources, 'comparisons'>,
): Promise<string> {
  const ids = evidence.comparisons.map((comparison) => comparison.comparisonId);
  const [ballots, texts] = await Promise.all([sources.comparisons.ballots(ids), sources.comparisons.texts(ids)]);
  const joined = ballots.flatMap((ballot, index) =>
    ballot ? [redactComparison(exportComparisonOf(ballot, texts[index]))] : [],
  );
  const used = evidence.comparisons.flatMap((comparison) => comparison.used);
  const { lines } = exportRaw(used, joined, { includeAfterReveal: false });
  const armsOf = new Map(record.comparisons.map((shown) => [shown.comparisonId, shown.arms]));
  return toJsonl(
    lines.map((line) => ({
      experiment: { name: record.plan.name, planHash: record.planHash, guildId: record.guildId },
      arms: (armsOf.get(line.comparisonId) ?? []).map((arm) => record.plan.arms[arm] ?? null),
      ...line,
    })),
  );
}
