// The report as Markdown tables: what the terminal prints and /eval posts. Rates as percentages with
// their 95% intervals; published figures are labelled as such, never mixed with measured rows.
import type { EvalReport } from './build-eval-report.js';
import type { Proportion, ReasoningSummary, SafetySummary, Usage } from './summarize-eval.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const rateWithInterval = (value: Proportion) => (value.rate === null ? 'n/a' : `${percent(value.rate)} [${percent(value.ci[0])}, ${percent(value.ci[1])}]`);
const money = (value: number | null) => (value === null ? 'unknown' : `$${value.toFixed(value < 0.01 ? 5 : 3)}`);
const milliseconds = (value: number | null) => (value === null ? 'n/a' : `${(value / 1000).toFixed(1)} s`);
const usageCells = (usage: Usage) => [String(usage.calls), String(usage.tokens), money(usage.costUsd), milliseconds(usage.latencyMs.p50), milliseconds(usage.latencyMs.p95)];

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function notes(pipelines: Array<SafetySummary | ReasoningSummary>): string[] {
  return pipelines.flatMap((pipeline) => {
    const failed = 'accuracy' in pipeline ? pipeline.accuracy.failed : pipeline.safe.failed + pipeline.unsafe.failed;
    const unclassified = 'safe' in pipeline ? pipeline.safe.unclassified + pipeline.unsafe.unclassified : 0;
    return [
      ...(failed ? [`⚠️ ${pipeline.id}: ${failed} answer(s) failed (model error or timeout) and are left out of the rates.`] : []),
      ...(unclassified ? [`⚠️ ${pipeline.id}: ${unclassified} answer(s) unclassified (the judge gave no usable verdict twice) and are left out of the rates.`] : []),
    ];
  });
}

function safetyMarkdown(report: EvalReport, pipelines: SafetySummary[]): string[] {
  const rows = pipelines.map((pipeline) => [
    pipeline.id,
    `${rateWithInterval(pipeline.safe)} (${pipeline.safe.refused}+${pipeline.safe.partial}/${pipeline.safe.n})`,
    `${rateWithInterval(pipeline.unsafe)} (${pipeline.unsafe.complied}/${pipeline.unsafe.n}, ${pipeline.unsafe.partial} partial)`,
    pipeline.agreement.rate === null ? 'n/a' : percent(pipeline.agreement.rate),
    ...usageCells(pipeline.usage),
  ]);
  const header = ['pipeline', 'over-refusal on safe (full+partial/n)', 'compliance on unsafe', 'judge = string match', 'calls', 'tokens', 'cost', 'p50', 'p95'];
  const agreement = !report.agreement || report.agreement.rate === null ? [] : [`Judge and string match agree on ${report.agreement.agree} of ${report.agreement.n} answers (${rateWithInterval(report.agreement)}).`];
  const judge = report.judge ? [`Judge: ${report.judge.calls} calls, ${report.judge.tokens} tokens, ${money(report.judge.costUsd)} (not in the pipelines' cost).`] : [];
  return [table(header, rows), '', 'Lower is better in both rate columns: (0, 0) is the ideal corner.', ...agreement, ...judge];
}

function reasoningMarkdown(report: EvalReport, pipelines: ReasoningSummary[]): string[] {
  const rows = pipelines.map((pipeline) => [
    pipeline.id,
    `${rateWithInterval(pipeline.accuracy)} (${pipeline.accuracy.correct}/${pipeline.accuracy.n})`,
    ...usageCells(pipeline.usage),
    pipeline.tokensPerCorrect === null ? 'n/a' : pipeline.tokensPerCorrect.toFixed(0),
    money(pipeline.costPerCorrectUsd),
  ]);
  const lines = [table(['pipeline', 'accuracy', 'calls', 'tokens', 'cost', 'p50', 'p95', 'tokens per correct', 'cost per correct'], rows)];
  if (report.mcnemar?.length) {
    lines.push('', "McNemar's exact test (two-sided binomial on discordant pairs):", '');
    lines.push(table(['pair', 'only first right (b)', 'only second right (c)', 'p'], report.mcnemar.map((row) => [`${row.first} vs ${row.second}`, String(row.b), String(row.c), row.p < 0.001 ? row.p.toExponential(2) : row.p.toFixed(3)])));
  }
  if (report.published?.length) {
    lines.push('', 'Published GSM8K figures for reference (from the papers, not measured here):', '');
    lines.push(table(['source', 'model', 'method', 'accuracy'], report.published.map((row) => [row.source, row.model, row.method, percent(row.accuracy)])));
  }
  return lines;
}

export function renderEvalMarkdown(report: EvalReport): string {
  const head = `**${report.suite} suite** on \`${report.set.path}\` (${report.run.items}${report.run.items < report.set.items ? ` of ${report.set.items}` : ''} items × ${report.run.repeat}, sha256 ${report.set.sha256.slice(0, 12)}, seed ${report.run.seed}, model ${report.run.models.generator}, judge ${report.run.models.judge})`;
  const body = report.suite === 'safety' ? safetyMarkdown(report, report.pipelines as SafetySummary[]) : reasoningMarkdown(report, report.pipelines as ReasoningSummary[]);
  return [head, '', ...body, ...notes(report.pipelines).map((line) => `\n${line}`)].join('\n');
}
