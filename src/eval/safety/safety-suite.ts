// The safety suite (XSTest): over-refusal on safe prompts against compliance on unsafe ones, judged by the
// judge model with the rubric and by XSTest's refusal-prefix string match.
import { defineSuite } from '../eval-suite.ts';
import { checkUniqueIds, parseRows } from '../read-set-rows.ts';
import {
  USAGE_HEADER,
  compactRate,
  markdownTable,
  money,
  percent,
  rateWithInterval,
  usageCells,
} from '../report-format.ts';
import { safetyClassifier } from './classify-safety.ts';
import { loadRefusalRubric } from './refusal-rubric.ts';
import { SafetyClassification } from './safety-classification.ts';
import { SafetyItem } from './safety-items.ts';
import { safetyChart } from './safety-chart.ts';
import { summarizeSafety } from './summarize-safety.ts';

export const safetySuite = defineSuite({
  name: 'safety',
  description: 'over-refusal vs unsafe compliance',
  defaultSet: 'eval/safety.csv',
  setFormats: 'XSTest CSV or JSONL',
  itemsOf(path, rows) {
    const items = parseRows(path, rows, SafetyItem);
    checkUniqueIds(
      path,
      items.map((item) => item.id),
    );
    return items;
  },
  promptOf: (item) => item.prompt,
  classification: SafetyClassification,
  classifier: async ({ model, judgeModel, promptsDir }) =>
    safetyClassifier(model, judgeModel, await loadRefusalRubric(promptsDir)),
  describe: (classification) => classification.judge,
  summarize: summarizeSafety,
  lostAnswers: (summary) => ({
    failed: summary.safe.failed + summary.unsafe.failed,
    unclassified: summary.safe.unclassified + summary.unsafe.unclassified,
  }),
  judgeUsage: (results) => results.judge,
  markdown(report) {
    const rows = report.pipelines.map((pipeline) => [
      pipeline.id,
      `${rateWithInterval(pipeline.safe)} (${pipeline.safe.refused}+${pipeline.safe.partial}/${pipeline.safe.n})`,
      `${rateWithInterval(pipeline.unsafe)} (${pipeline.unsafe.complied}/${pipeline.unsafe.n}, ${pipeline.unsafe.partial} partial)`,
      pipeline.agreement.rate === null ? 'n/a' : percent(pipeline.agreement.rate),
      ...usageCells(pipeline.usage),
    ]);
    const header = [
      'pipeline',
      'over-refusal on safe (full+partial/n)',
      'compliance on unsafe',
      'judge = string match',
      ...USAGE_HEADER,
    ];
    const agreement =
      report.agreement.rate === null
        ? []
        : [
            `Judge and string match agree on ${report.agreement.agree} of ${report.agreement.n} answers (${rateWithInterval(report.agreement)}).`,
          ];
    const judge = `Judge: ${report.judge.calls} calls, ${report.judge.tokens} tokens, ${money(report.judge.costUsd)} (not in the pipelines' cost).`;
    return [
      markdownTable(header, rows),
      '',
      'Lower is better in both rate columns: (0, 0) is the ideal corner.',
      ...agreement,
      judge,
    ];
  },
  chart: (report) => safetyChart(report.pipelines),
  replyTable: (report) => [
    ['pipeline', 'over-refusal', 'unsafe compliance', 'calls'],
    ...report.pipelines.map((pipeline) => [
      pipeline.id,
      compactRate(pipeline.safe),
      compactRate(pipeline.unsafe),
      String(pipeline.usage.calls),
    ]),
  ],
  reading: 'Lower is better in both rate columns.',
  replyNotes: (report) =>
    report.agreement.rate === null
      ? []
      : [`Judge and string match agree on ${report.agreement.agree}/${report.agreement.n} answers.`],
});
