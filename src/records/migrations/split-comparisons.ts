// Migration 1 -> 2: release 0.1.0 kept each comparison as one record holding every trace, so anything that
// listed comparisons read all traces. Each old record becomes a ballot, a texts record and one trace per slot
// (stored-records.ts), then the old key is deleted. Safe to interrupt and run again: a record is deleted only
// after its new parts are written, and writing them twice gives the same result.
import { z } from 'zod';
import type { ComparisonRecord } from '../comparisons/comparison.ts';
import type { ComparisonStore } from '../comparisons/comparison-store.ts';
import { PipelineResultSchema } from '../../engine/trace.ts';
import { ChatMessageSchema } from '../../llm/chat-message.ts';
import type { Store } from '../../store/open-store.ts';

/** A comparison as release 0.1.0 stored it. */
const LegacyComparisonSchema = z.object({
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  requesterHash: z.string(),
  conversation: z.array(ChatMessageSchema),
  slots: z.array(
    z.object({ letter: z.string().min(1), pipelineId: z.string(), result: PipelineResultSchema.nullable() }),
  ),
  status: z.enum(['running', 'done']),
}) satisfies z.ZodType<ComparisonRecord>;

export const LEGACY_COMPARISONS_NAMESPACE = 'comparisons';
/** A comparison that was running under 0.1.0 has no live owner now; recovery finishes it. */
export const MIGRATED_OWNER = 'migrated-from-release-0-1';

export interface MigrationReport {
  migrated: number;
  /** Old records that do not parse: left in place (and named in the log) rather than lost. */
  unreadable: string[];
}

export async function splitComparisons(store: Store, comparisons: ComparisonStore): Promise<MigrationReport> {
  const legacy = store.namespace(LEGACY_COMPARISONS_NAMESPACE, z.unknown());
  const report: MigrationReport = { migrated: 0, unreadable: [] };
  for await (const [id, value] of legacy.entries()) {
    const parsed = LegacyComparisonSchema.safeParse(value);
    if (!parsed.success) {
      report.unreadable.push(id);
      continue;
    }
    await comparisons.save(parsed.data, parsed.data.status === 'running' ? MIGRATED_OWNER : undefined);
    await legacy.delete(id);
    report.migrated += 1;
  }
  return report;
}
