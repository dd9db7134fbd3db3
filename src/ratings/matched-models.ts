// A matched comparison: every answer that finished was drafted by the same model with the same sampling
// parameters, so the techniques differ and nothing else does. Read from the ballot's per-slot model and params.
import type { BallotSlot } from '../records/comparisons/stored-records.ts';

export function matchedModels(ballot: {
  slots: ReadonlyArray<Pick<BallotSlot, 'status' | 'model' | 'params'>>;
}): boolean {
  const ok = ballot.slots.filter((slot) => slot.status === 'ok');
  if (ok.length === 0 || ok.some((slot) => slot.model === null)) return false;
  const signature = (slot: (typeof ok)[number]) =>
    JSON.stringify([
      slot.model,
      slot.params?.temperature ?? null,
      slot.params?.topP ?? null,
      slot.params?.maxTokens ?? null,
    ]);
  const first = signature(ok[0]!);
  return ok.every((slot) => signature(slot) === first);
}
