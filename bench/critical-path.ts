// Sequential depth of a pipeline's model calls, read from its trace: parallel samples and per-candidate
// judges overlap, so each counts once; local steps (a vote count) make no call and do not count. Shared by the benchmarks that compare wall time with it.
import type { PipelineResult } from '../src/engine/trace.ts';

export function criticalPathCalls(result: PipelineResult): number {
  return new Set(
    result.trace
      .filter((step) => step.model !== 'none')
      .map((step) =>
        step.step
          .replace(/#\d+$/, '')
          .replace(/\.candidate\d+/, '.judge')
          .replace(/\.extract\d+$/, '.extract'),
      ),
  ).size;
}
