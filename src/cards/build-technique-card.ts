// The card of one pipeline version from the evidence gathered for it: the leaderboard, the latest stored safety and
// reasoning runs, the stored judge–human agreement report, category tallies and the experiments that had it as an
// arm. Pure: evidence in, card out. Each figure is the one its source prints (the same summaries, the same Wilson
// intervals); a source with nothing about this version leaves its section `missing`, saying what to run.
import type { Pipeline } from '../catalog/pipeline-schema.ts';
import type { AgreementFigure, AgreementReport } from '../eval/agreement/agreement-report.ts';
import type { StoredRun } from '../eval/stored-runs.ts';
import { recordsOf } from '../eval/stored-runs.ts';
import { PUBLISHED_GSM8K } from '../eval/reasoning/published-figures.ts';
import type { ReasoningClassification } from '../eval/reasoning/reasoning-classification.ts';
import type { ReasoningItem } from '../eval/reasoning/reasoning-items.ts';
import { summarizeReasoning } from '../eval/reasoning/summarize-reasoning.ts';
import type { SafetyClassification } from '../eval/safety/safety-classification.ts';
import type { SafetyItem } from '../eval/safety/safety-items.ts';
import { summarizeSafety } from '../eval/safety/summarize-safety.ts';
import type { Proportion } from '../eval/usage.ts';
import { wilsonInterval } from '../ratings/fit/wilson-interval.ts';
import type { Leaderboard } from '../ratings/leaderboard.ts';
import type { RowCategoryTally } from '../ratings/category-tallies.ts';
import { pipelineSteps } from './pipeline-steps.ts';
import { CARD_FORMAT, type Rate, type TechniqueCard } from './technique-card.ts';
import { VERSION_DIGITS } from '../ratings/row-keys.ts';

/** What a source gave: something, nothing yet, or a file that could not be read (the problem in words). */
export type Evidence<T> = { kind: 'found'; value: T } | { kind: 'none' } | { kind: 'unreadable'; problem: string };

/** An experiment one of whose arms is this pipeline. */
export interface ExperimentMention {
  id: string;
  name: string;
  status: string;
  arms: string[];
  result: string | null;
}

export interface CardEvidence {
  pipeline: Pipeline;
  version: string;
  models: { generator: string; judge: string };
  /** The system prompt the pipeline runs with (its own, else prompts/system.md). */
  system: string;
  board: { leaderboard: Leaderboard; scope: string };
  safety: Evidence<StoredRun<SafetyItem, SafetyClassification>>;
  reasoning: Evidence<StoredRun<ReasoningItem, ReasoningClassification>>;
  agreement: Evidence<{ file: string; report: AgreementReport }>;
  /** This version's outcomes per prompt category (comparisons from before categories count as `other`); null when categories are off. */
  categories: RowCategoryTally[] | null;
  /** The experiments with an arm of this pipeline. */
  experiments: ExperimentMention[];
  generatedAt: Date;
}

const rateOf = (count: number, of: number): Rate => ({
  count,
  of,
  rate: of === 0 ? null : count / of,
  interval: wilsonInterval(count, of),
});

const fromProportion = (proportion: Proportion, count: number): Rate => ({
  count,
  of: proportion.n,
  rate: proportion.rate,
  interval: { lower: proportion.ci[0], upper: proportion.ci[1] },
});

const fromAgreement = (figure: AgreementFigure): Rate => rateOf(figure.agree, figure.total);

const shortVersion = (version: string) => version.slice(0, VERSION_DIGITS);

function ratingSection(evidence: CardEvidence): Pick<TechniqueCard, 'rating' | 'cost'> {
  const { pipeline, version, board } = evidence;
  const rows = board.leaderboard.rows;
  const row = rows.find((candidate) => candidate.technique === pipeline.id && candidate.version === version);
  const otherVersions = rows
    .filter((candidate) => candidate.technique === pipeline.id && candidate !== row)
    .map((candidate) => candidate.pipelineId);
  if (row === undefined) {
    const earlier =
      otherVersions.length === 0 ? '' : ` (votes so far are on other versions: ${otherVersions.join(', ')})`;
    const reason = `no counted votes on ${pipeline.id} at version ${shortVersion(version)} from ${board.scope} yet${earlier}: run /compare with it and vote`;
    return { rating: { status: 'missing', reason }, cost: { status: 'missing', reason } };
  }
  const styled = row.styleControlled;
  return {
    rating: {
      status: 'measured',
      row: row.pipelineId,
      ofRows: rows.length,
      anchor: row.pipelineId === board.leaderboard.anchor,
      raw: { rating: row.rating, interval: row.interval, rank: row.rank },
      rankSpread: row.rankSpread,
      styleControlled: styled === null ? null : { rating: styled.rating, interval: styled.interval, rank: styled.rank },
      votes: row.votes,
      comparisons: row.comparisons,
      voters: row.voters,
      wins: row.wins,
      losses: row.losses,
      ties: row.ties,
      winRate: rateOf(row.wins, row.wins + row.losses),
      provisional: row.provisionalReasons,
      otherVersions,
    },
    cost: { status: 'measured', ...row.cost },
  };
}

const evalCommand = (suite: string, pipelineId: string) => `npm run eval -- --suite ${suite} --pipelines ${pipelineId}`;

/** Why an eval section is empty: no run, an unreadable one, or a run without this version. */
function evalMissing<T>(
  suite: string,
  evidence: Evidence<T>,
  pipeline: { id: string; version: string },
  file?: string,
): { status: 'missing'; reason: string } {
  const run = `run \`${evalCommand(suite, pipeline.id)}\``;
  if (evidence.kind === 'none') return { status: 'missing', reason: `no ${suite} eval run yet — ${run}` };
  if (evidence.kind === 'unreadable')
    return { status: 'missing', reason: `the latest ${suite} eval run could not be read (${evidence.problem})` };
  return {
    status: 'missing',
    reason: `the latest ${suite} eval run (${file}) has no answers from ${pipeline.id} at version ${shortVersion(pipeline.version)} — ${run}`,
  };
}

function safetySection({ pipeline, version, safety }: CardEvidence): TechniqueCard['safety'] {
  const subject = { id: pipeline.id, version };
  if (safety.kind !== 'found') return evalMissing('safety', safety, subject);
  const { file, header, items, records } = safety.value;
  const own = recordsOf(records, pipeline.id, version);
  if (own.length === 0) return evalMissing('safety', safety, subject, file);
  const [summary] = summarizeSafety({
    items,
    pipelineIds: [pipeline.id],
    versionOf: () => version,
    records: own,
  }).pipelines;
  const { safe, unsafe } = summary!;
  return {
    status: 'measured',
    source: { file, at: header.startedAt },
    overRefusal: fromProportion(safe, safe.refused + safe.partial),
    unsafeCompliance: fromProportion(unsafe, unsafe.complied),
    leftOut: safe.failed + safe.unclassified + unsafe.failed + unsafe.unclassified,
  };
}

function reasoningSection({ pipeline, version, reasoning }: CardEvidence): TechniqueCard['reasoning'] {
  const subject = { id: pipeline.id, version };
  if (reasoning.kind !== 'found') return evalMissing('reasoning', reasoning, subject);
  const { file, header, items, records } = reasoning.value;
  const own = recordsOf(records, pipeline.id, version);
  if (own.length === 0) return evalMissing('reasoning', reasoning, subject, file);
  const [summary] = summarizeReasoning({
    items,
    pipelineIds: [pipeline.id],
    versionOf: () => version,
    records: own,
  }).pipelines;
  const paper = PUBLISHED_GSM8K.find((figure) => figure.pipeline === pipeline.id);
  return {
    status: 'measured',
    source: { file, at: header.startedAt },
    accuracy: fromProportion(summary!.accuracy, summary!.accuracy.correct),
    published:
      paper === undefined
        ? null
        : { source: paper.source, model: paper.model, method: paper.method, accuracy: paper.accuracy },
  };
}

function agreementSection({ pipeline, version, agreement }: CardEvidence): TechniqueCard['agreement'] {
  if (agreement.kind === 'none')
    return { status: 'missing', reason: 'no judge–human agreement run yet — run `npm run agreement`' };
  if (agreement.kind === 'unreadable')
    return { status: 'missing', reason: `the agreement report could not be read (${agreement.problem})` };
  const { file, report } = agreement.value;
  const own = report.byPipeline.find((entry) => entry.pipelineId === pipeline.id && entry.version === version);
  if (own === undefined)
    return {
      status: 'missing',
      reason: `the agreement report (${file}) judged no voted comparison with ${pipeline.id} at version ${shortVersion(version)} — run \`npm run agreement\` again once it has votes`,
    };
  return {
    status: 'measured',
    source: { file, judgeModel: report.judgeModel },
    comparisons: own.comparisons,
    withTies: fromAgreement(own.withTies),
    withoutTies: fromAgreement(own.withoutTies),
    published: report.published,
  };
}

function categoriesSection({ categories }: CardEvidence): TechniqueCard['categories'] {
  if (categories === null)
    return { status: 'missing', reason: 'prompt categories are off (there is no prompts/categories.yaml)' };
  if (categories.every((tally) => tally.wins + tally.losses + tally.ties === 0))
    return { status: 'missing', reason: 'no counted votes on this version in any prompt category yet' };
  return {
    status: 'measured',
    rows: [...categories]
      .filter((tally) => tally.wins + tally.losses + tally.ties > 0)
      .sort(
        (left, right) =>
          right.wins + right.losses + right.ties - (left.wins + left.losses + left.ties) ||
          left.category.localeCompare(right.category),
      )
      .map((tally) => ({
        category: tally.category,
        ties: tally.ties,
        winRate: rateOf(tally.wins, tally.wins + tally.losses),
      })),
  };
}

function experimentsSection({ pipeline, experiments }: CardEvidence): TechniqueCard['experiments'] {
  if (experiments.length === 0)
    return {
      status: 'missing',
      reason: `no experiment has had ${pipeline.id} as an arm yet — start one with /experiment create`,
    };
  return { status: 'measured', rows: experiments.map((experiment) => ({ ...experiment })) };
}

export function buildTechniqueCard(evidence: CardEvidence): TechniqueCard {
  const { pipeline } = evidence;
  return {
    format: CARD_FORMAT,
    pipeline: {
      id: pipeline.id,
      label: pipeline.label,
      description: pipeline.description,
      version: evidence.version,
      models: evidence.models,
      system: evidence.system,
      steps: pipelineSteps(pipeline),
    },
    generatedAt: evidence.generatedAt.toISOString(),
    scope: evidence.board.scope,
    ...ratingSection(evidence),
    categories: categoriesSection(evidence),
    safety: safetySection(evidence),
    reasoning: reasoningSection(evidence),
    agreement: agreementSection(evidence),
    experiments: experimentsSection(evidence),
  };
}
