// Runs the judge over every voted comparison in the store, streamed batch by batch (votedBatches with texts):
// each comparison's finished answers are judged twice, in the shown order and reversed, so a judge that favours
// a position cancels out; a pick that changes with the order counts as a tie (MT-Bench's rule). Only
// comparisons with a human label and at least two finished answers are judged.
import pLimit from 'p-limit';
import type { ComparisonStore } from '../../records/comparisons/comparison-store.ts';
import type { Ballot, ComparisonTexts } from '../../records/comparisons/stored-records.ts';
import type { ChatModel } from '../../llm/chat-model.ts';
import { votedBatches } from '../../records/votes/voted-comparisons.ts';
import type { VoteRecord } from '../../records/votes/vote.ts';
import type { VoteLedger } from '../../records/votes/vote-ledger.ts';
import { agreementReport, type AgreementReport, type AnsweredBy, type ComparisonVerdict } from './agreement-report.ts';
import { humanMajority, type PreferenceLabel } from './human-majority.ts';
import { type JudgePick, judgePreference } from './judge-preference.ts';

export interface AgreementRun {
  model: ChatModel;
  judgeModel: string;
  votes: VoteLedger;
  comparisons: ComparisonStore;
  /** Judge at most this many comparisons (store order). */
  limit?: number;
  concurrency: number;
  signal?: AbortSignal;
  onJudged?: (done: number) => void;
}

interface Candidate {
  id: string;
  prompt: string;
  /** Display slots of the finished answers, in shown order, with their texts. */
  slots: number[];
  answers: string[];
  pipelines: AnsweredBy[];
  human: PreferenceLabel;
}

/** The last user turn is what was compared; earlier turns are context the judge sees too. */
function promptOf(texts: ComparisonTexts): string {
  return texts.conversation
    .map((message) => (texts.conversation.length > 1 ? `${message.role}: ${message.content}` : message.content))
    .join('\n\n');
}

function candidateOf(
  ballot: Ballot | undefined,
  texts: ComparisonTexts | undefined,
  votes: VoteRecord[],
): Candidate | null {
  if (ballot === undefined || texts === undefined || texts.conversation.length === 0) return null;
  const slots = ballot.slots.flatMap((slot, index) =>
    slot.status === 'ok' && typeof texts.answers[index] === 'string' ? [index] : [],
  );
  if (slots.length < 2) return null;
  const human = humanMajority(votes, new Set(slots));
  if (human === null) return null;
  return {
    id: ballot.id,
    prompt: promptOf(texts),
    slots,
    answers: slots.map((slot) => texts.answers[slot]!),
    pipelines: slots.map((slot) => ({
      pipelineId: ballot.slots[slot]!.pipelineId,
      version: ballot.slots[slot]!.version,
    })),
    human,
  };
}

/** The two orders combined: agreeing picks stand, anything else is a tie; null when either had no usable reply. */
function combine(
  forward: JudgePick,
  backward: JudgePick,
  slots: number[],
): { label: PreferenceLabel | null; flipped: boolean } {
  const slotOf = (pick: JudgePick, reversed: boolean): PreferenceLabel | null => {
    if (pick.kind === 'tie') return { kind: 'tie' };
    if (pick.kind !== 'answer') return null;
    return { kind: 'slot', slot: slots[reversed ? slots.length - 1 - pick.index : pick.index]! };
  };
  const first = slotOf(forward, false);
  const second = slotOf(backward, true);
  if (first === null || second === null) return { label: null, flipped: false };
  if (first.kind === 'slot' && second.kind === 'slot' && first.slot === second.slot)
    return { label: first, flipped: false };
  if (first.kind === 'tie' && second.kind === 'tie') return { label: first, flipped: false };
  return { label: { kind: 'tie' }, flipped: true };
}

export async function judgeAgreement(run: AgreementRun): Promise<AgreementReport> {
  const limit = pLimit(run.concurrency);
  const verdicts: ComparisonVerdict[] = [];
  let flips = 0;
  const judge = async (candidate: Candidate) => {
    const exchange = { prompt: candidate.prompt, answers: candidate.answers };
    const [forward, backward] = await Promise.all([
      judgePreference(run.model, run.judgeModel, exchange, run.signal),
      judgePreference(
        run.model,
        run.judgeModel,
        { ...exchange, answers: [...candidate.answers].reverse() },
        run.signal,
      ),
    ]);
    const { label, flipped } = combine(forward.pick, backward.pick, candidate.slots);
    if (flipped) flips += 1;
    verdicts.push({
      comparisonId: candidate.id,
      human: candidate.human,
      judge: label,
      answers: candidate.slots.length,
      pipelines: candidate.pipelines,
    });
    run.onJudged?.(verdicts.length);
  };
  let taken = 0;
  for await (const batch of votedBatches(run.votes, run.comparisons, {}, { withTexts: true })) {
    // Node 20 has no Map.groupBy; votes arrive grouped by comparison anyway.
    const byComparison = new Map<string, VoteRecord[]>();
    for (const vote of batch.votes) {
      const votes = byComparison.get(vote.comparisonId);
      if (votes === undefined) byComparison.set(vote.comparisonId, [vote]);
      else votes.push(vote);
    }
    const candidates: Candidate[] = [];
    for (const [id, votes] of byComparison) {
      if (run.limit !== undefined && taken >= run.limit) break;
      const candidate = candidateOf(batch.ballots.get(id), batch.texts.get(id), votes);
      if (candidate === null) continue;
      candidates.push(candidate);
      taken += 1;
    }
    await Promise.all(candidates.map((candidate) => limit(() => judge(candidate))));
    if (run.limit !== undefined && taken >= run.limit) break;
  }
  verdicts.sort((first, second) => first.comparisonId.localeCompare(second.comparisonId));
  return agreementReport(run.judgeModel, verdicts, flips);
}
