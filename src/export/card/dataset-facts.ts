// What the dataset card says about the exported votes, counted from them: how many votes, comparisons, voters
// and servers, the days they span, the pipelines that answered, and the position-bias check of the leaderboard
// run on exactly these votes. Read from the raw export with the same options, so it covers the votes the
// other formats were made from (one raw line per vote).
import { z } from 'zod';
import { positionBias, PositionBiasSchema } from '../../ratings/position-bias.ts';
import type { ExportBatch } from '../export-files.ts';
import { writeExport } from '../export-files.ts';
import { RawLine } from '../schemas.ts';
import type { ExportOptions } from '../select-decisions.ts';

export const PipelineFactsSchema = z.strictObject({
  pipelineId: z.string(),
  /** Content hashes of the pipeline versions that answered; empty when only pre-version answers. */
  versions: z.array(z.string()),
  models: z.array(z.string()),
  /** Answers of this pipeline in voted comparisons. */
  answers: z.int().min(0),
});

export const DatasetFactsSchema = z.strictObject({
  votes: z.int().min(0),
  comparisons: z.int().min(0),
  voters: z.int().min(0),
  servers: z.int().min(0),
  /** Votes on comparisons made in direct messages (there only with --include-dms). */
  directMessageVotes: z.int().min(0),
  firstVoteAt: z.string().nullable(),
  lastVoteAt: z.string().nullable(),
  choices: z.strictObject({ pick: z.int().min(0), tie: z.int().min(0), allBad: z.int().min(0) }),
  pipelines: z.array(PipelineFactsSchema),
  positionBias: z.array(PositionBiasSchema),
});
export type DatasetFacts = z.infer<typeof DatasetFactsSchema>;

interface PipelineTally {
  versions: Set<string>;
  models: Set<string>;
  answers: number;
}

const sorted = (values: Iterable<string>) => [...values].sort();

export async function collectDatasetFacts(
  batches: AsyncIterable<ExportBatch> | Iterable<ExportBatch>,
  options: ExportOptions,
): Promise<DatasetFacts> {
  const voters = new Set<string>();
  const servers = new Set<string>();
  const comparisons = new Map<string, { line: RawLine; picks: RawLine['choice'][] }>();
  const choices = { pick: 0, tie: 0, allBad: 0 };
  let votes = 0;
  let directMessageVotes = 0;
  let firstVoteAt: string | null = null;
  let lastVoteAt: string | null = null;
  await writeExport(
    'raw',
    batches,
    {
      write(data) {
        const line = RawLine.parse(JSON.parse(data));
        votes += 1;
        voters.add(line.voterHash);
        if (line.guildId === null) directMessageVotes += 1;
        else servers.add(line.guildId);
        if (firstVoteAt === null || line.castAt < firstVoteAt) firstVoteAt = line.castAt;
        if (lastVoteAt === null || line.castAt > lastVoteAt) lastVoteAt = line.castAt;
        choices[line.choice.kind === 'all-bad' ? 'allBad' : line.choice.kind] += 1;
        const seen = comparisons.get(line.comparisonId) ?? { line, picks: [] };
        seen.picks.push(line.choice);
        comparisons.set(line.comparisonId, seen);
      },
    },
    options,
  );
  return {
    votes,
    comparisons: comparisons.size,
    voters: voters.size,
    servers: servers.size,
    directMessageVotes,
    firstVoteAt,
    lastVoteAt,
    choices,
    pipelines: pipelineFacts([...comparisons.values()].map((entry) => entry.line)),
    positionBias: positionBias(
      [...comparisons.values()].flatMap(({ line, picks }, comparison) =>
        picks.map((choice) => ({
          comparison,
          choice: choice.kind === 'pick' ? { kind: 'pick' as const, slot: choice.slot } : { kind: choice.kind },
          slotCount: line.slots.length,
          allOk: line.slots.every((slot) => slot.status === 'ok'),
        })),
      ),
    ),
  };
}

function pipelineFacts(lines: readonly RawLine[]): DatasetFacts['pipelines'] {
  const tallies = new Map<string, PipelineTally>();
  for (const slot of lines.flatMap((line) => line.slots)) {
    const tally = tallies.get(slot.pipelineId) ?? { versions: new Set(), models: new Set(), answers: 0 };
    if (slot.version !== null) tally.versions.add(slot.version);
    if (slot.model !== null) tally.models.add(slot.model);
    tally.answers += 1;
    tallies.set(slot.pipelineId, tally);
  }
  return [...tallies.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([pipelineId, tally]) => ({
      pipelineId,
      versions: sorted(tally.versions),
      models: sorted(tally.models),
      answers: tally.answers,
    }));
}
