// The judge–human agreement figures as terminal text: the judge's row, then one per pipeline version, beside the
// published reference row, with counts and intervals, and what was left out.
import type { AgreementFigure, AgreementReport } from '../../eval/agreement/agreement-report.ts';
import { plural } from '../../base/plural.ts';
import { VERSION_DIGITS } from '../../ratings/row-keys.ts';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const cell = (figure: AgreementFigure) =>
  figure.rate === null || figure.ci === null
    ? 'n/a (none)'
    : `${percent(figure.rate)} [${percent(figure.ci[0])}–${percent(figure.ci[1])}] (${figure.agree}/${figure.total})`;

export function renderAgreement(report: AgreementReport): string {
  const rows = [
    ['', 'with ties', 'without ties'],
    [`${report.judgeModel} vs human majority`, cell(report.withTies), cell(report.withoutTies)],
    ...report.byPipeline.map((pipeline) => [
      `  where ${pipeline.pipelineId}${pipeline.version === null ? '' : `@${pipeline.version.slice(0, VERSION_DIGITS)}`} answered`,
      cell(pipeline.withTies),
      cell(pipeline.withoutTies),
    ]),
    [
      `published reference: ${report.published.source}`,
      percent(report.published.withTies),
      percent(report.published.withoutTies),
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows
    .map((row) =>
      row
        .map((value, column) => value.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  return [
    `Judge–human agreement on ${plural(report.comparisons, 'voted comparison')} (95% Wilson intervals).`,
    table,
    `Order flips counted as ties: ${report.flips}. Left out, no usable judge reply in one order or both: ${report.unjudged}.`,
    'MT-Bench compared two answers at a time; with three or four answers, chance agreement is lower, so the reference is a guide, not a target.',
  ].join('\n');
}
