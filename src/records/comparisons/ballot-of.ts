// A comparison's ballot: what statistics need of each slot, taken from its result once, when it is stored.
import type { PipelineResult } from '../../engine/trace.ts';
import { answerFeatures } from './answer-features.ts';
import type { ComparisonRecord, ComparisonSlot } from './comparison.ts';
import { RECORD_VERSION, type Ballot, type BallotSlot } from './stored-records.ts';

/** The step that drafted the answer: its model and parameters are the slot's. */
export function drafting(result: PipelineResult) {
  return result.trace.find((step) => step.kind === 'generate') ?? result.trace[0];
}

export function ballotSlotOf(slot: ComparisonSlot): BallotSlot {
  const { result } = slot;
  if (result === null) {
    return {
      letter: slot.letter,
      pipelineId: slot.pipelineId,
      version: null,
      status: 'pending',
      failure: null,
      model: null,
      params: null,
      models: [],
      features: null,
      totals: null,
    };
  }
  const answer = result.status === 'ok' ? (result.answer?.trim() ?? '') : '';
  // An ok result without text cannot be preferred; the engine never stores one, older data might.
  const status = result.status === 'ok' && answer === '' ? 'error' : result.status;
  const failure =
    result.failure ??
    (status === 'error' && result.status === 'ok'
      ? { kind: 'invalid-output' as const, message: 'The model returned an empty answer.', retryable: true }
      : null);
  const first = drafting(result);
  return {
    letter: slot.letter,
    pipelineId: slot.pipelineId,
    version: result.version ?? null,
    status,
    failure,
    model: first?.model ?? null,
    params: first?.params ?? null,
    models: [...new Set(result.trace.map((step) => step.model))].sort(),
    features: status === 'ok' ? answerFeatures(result.answer ?? '') : null,
    totals: result.totals,
  };
}

export function ballotOf(record: ComparisonRecord): Ballot {
  return {
    v: RECORD_VERSION,
    id: record.id,
    createdAt: record.createdAt,
    guildId: record.guildId,
    channelId: record.channelId,
    messageId: record.messageId,
    requesterHash: record.requesterHash,
    status: record.status,
    promptForgotten: record.conversation.length === 0,
    slots: record.slots.map(ballotSlotOf),
    leaks: record.leaks ?? [],
    ...(record.category === undefined ? {} : { category: record.category }),
  };
}
