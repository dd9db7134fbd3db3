// The sidecar line for one exported line: which comparison, which pipelines and slots, whose vote.
import type { ExportMetaLine } from './schemas.ts';
import type { BallotSlot } from '../records/comparisons/stored-records.ts';
import type { Decision } from './select-decisions.ts';

export function metaLine(decision: Decision, chosen: BallotSlot | null, rejected: BallotSlot | null): ExportMetaLine {
  const { comparison, agreeing } = decision;
  return {
    comparisonId: comparison.id,
    guildId: comparison.guildId,
    choice: decision.choice.kind,
    chosenPipelineId: chosen?.pipelineId ?? null,
    chosenVersion: chosen?.version ?? null,
    chosenSlot: chosen?.letter ?? null,
    rejectedPipelineId: rejected?.pipelineId ?? null,
    rejectedVersion: rejected?.version ?? null,
    rejectedSlot: rejected?.letter ?? null,
    voterHash: decision.aggregate === 'per-vote' ? agreeing[0]!.voterHash : null,
    voterHashes: agreeing.map((vote) => vote.voterHash),
    // The latest agreeing vote: when the recorded choice became what it is.
    castAt: agreeing.map((vote) => vote.castAt).reduce((latest, castAt) => (castAt > latest ? castAt : latest)),
    votes: decision.votes,
    agreeing: agreeing.length,
    split: agreeing.length < decision.votes,
    leaked: comparison.leaks.length > 0,
    tags: [...new Set(agreeing.flatMap((vote) => vote.tags ?? []))].sort(),
  };
}
