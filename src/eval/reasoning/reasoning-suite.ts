// The reasoning suite (GSM8K-style word problems): accuracy by exact final-number match, McNemar's test for
// every pair of pipelines, and the papers' published figures beside ours.
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
import { reasoningClassifier } from './classify-reasoning.ts';
import { reasoningChart } from './reasoning-chart.ts';
import { ReasoningClassification } from './reasoning-classification.ts';
import { ReasoningLine } from './reasoning-items.ts';
import { summarizeReasoning } from './summarize-reasoning.ts';

export const reasoningSuite = defineSuite({
  name: 'reasoning',
  description: 'accuracy on arithmetic word problems',
  defaultSet: 'eval/arithmetic.jsonl',
  setFormats: 'GSM8K JSONL',
  itemsOf(path, rows) {
    // GSM8K lines carry no id: the line number is one, stable as long as the file is.
    const items = parseRows(path, rows, ReasoningLine).map((line, index) => ({
      id: line.id ?? String(index + 1),
      question: line.question,
      expected: line.answer,
    }));
    checkUniqueIds(
      path,
      items.map((item) => item.id),
    );
    return items;
  },
  promptOf: (item) => item.question,
  classification: ReasoningClassification,
  classifier: () => Promise.resolve(reasoningClassifier),
  describe: ({ correct, extracted }) => `${correct ? 'right' : 'wrong'} (${extracted ?? 'no number'})`,
  summarize: summarizeReasoning,
  lostAnswers: (summary) => ({ failed: summary.accuracy.failed, unclassified: 0 }),
  judgeUsage: () => null,
  markdown(report) {
    const rows = report.pipelines.map((pipeline) => [
      pipeline.id,
      `${rateWithInterval(pipeline.accuracy)} (${pipeline.accuracy.correct}/${pipeline.accuracy.n})`,
      ...usageCells(pipeline.usage),
      pipeline.tokensPerCorrect === null ? 'n/a' : pipeline.tokensPerCorrect.toFixed(0),
      money(pipeline.costPerCorrectUsd),
    ]);
    const lines = [
      markdownTable(['pipeline', 'accuracy', ...USAGE_HEADER, 'tokens per correct', 'cost per correct'], rows),
    ];
    if (report.mcnemar.length) {
      const pairs = report.mcnemar.map((row) => [
        `${row.first} vs ${row.second}`,
        String(row.b),
        String(row.c),
        row.p < 0.001 ? row.p.toExponential(2) : row.p.toFixed(3),
      ]);
      lines.push(
        '',
        "McNemar's exact test (two-sided binomial on discordant pairs):",
        '',
        markdownTable(['pair', 'only first right (b)', 'only second right (c)', 'p'], pairs),
      );
    }
    if (report.published.length) {
      const published = report.published.map((row) => [row.source, row.model, row.method, percent(row.accuracy)]);
      lines.push(
        '',
        'Published GSM8K figures for reference (from the papers, not measured here):',
        '',
        markdownTable(['source', 'model', 'method', 'accuracy'], published),
      );
    }
    return lines;
  },
  chart: (report) => reasoningChart(report.pipelines),
  replyTable: (report) => [
    ['pipeline', 'accuracy', 'calls'],
    ...report.pipelines.map((pipeline) => [pipeline.id, compactRate(pipeline.accuracy), String(pipeline.usage.calls)]),
  ],
  reading: '',
  replyNotes: (report) =>
    report.mcnemar.length ? ['McNemar p-values for every pair of pipelines are in the attached report.'] : [],
});
