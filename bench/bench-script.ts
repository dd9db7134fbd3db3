// The fake model's answers for benchmarks: every other critique asks for a revision, so constitution
// runs draft → critique → revise → critique and the critical path is realistic.
import { techniqueScript } from '../test/fixtures/technique-script.ts';

export const benchScript = () =>
  techniqueScript({
    critique: (round) =>
      JSON.stringify(
        round % 2 === 1
          ? { problems: ['could be clearer'], needs_revision: true }
          : { problems: [], needs_revision: false },
      ),
  });
