// After a run: its cost toward the scope's daily budget, and its calls, tokens and cost per pipeline under the
// user's salted hash for /usage. One call at each place that ran the models, so the two never disagree.
import { sumCosts } from '../engine/trace.ts';
import type { PipelineResult } from '../engine/trace.ts';
import type { PartUse, RunUse } from '../records/quotas/usage-schemas.ts';
import type { Services } from './services.ts';

export interface RunUseInput {
  guildId: string | null;
  userHash: string;
  runId: string;
  kind: RunUse['kind'];
  parts: PartUse[];
  /** When the run is recorded (default now); recording a run again at the same time rewrites its record. */
  at?: Date;
}

export async function recordUse(services: Pick<Services, 'limits' | 'usage'>, run: RunUseInput): Promise<void> {
  const now = run.at ?? new Date();
  await services.limits.recordCost({
    guildId: run.guildId,
    runId: run.runId,
    costUsd: sumCosts(run.parts.map((part) => part.costUsd)),
    now,
  });
  await services.usage.record({ ...run, now });
}

/** One part per pipeline result, as its trace totalled the model calls. */
export const partsOf = (results: ReadonlyArray<PipelineResult | null | undefined>): PartUse[] =>
  results.flatMap((result) =>
    result === undefined || result === null
      ? []
      : [
          {
            pipelineId: result.pipelineId,
            calls: result.totals.calls,
            tokens: result.totals.tokensIn + result.totals.tokensOut,
            costUsd: result.totals.costUsd,
          },
        ],
  );
